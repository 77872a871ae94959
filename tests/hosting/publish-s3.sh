#!/usr/bin/env bash
# Publish a built portal to an S3-compatible bucket (AWS S3, MinIO, Ceph, Wasabi, IDCloudHost
# Object Storage, ...) served as a static website or behind a CDN, with the aws CLI.
#
#   tilik build --base-url https://portal.example.go.id/portal/ -o public
#   tests/hosting/publish-s3.sh public s3://BUCKET/portal [--endpoint-url https://s3.example]
#
# Build without --precompress: a bucket sends a file as it is, whatever the browser accepts.
# The bucket must be readable by visitors, e.g. with this bucket policy (or serve it through a
# CDN that has read access):
#   {"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*",
#    "Action":"s3:GetObject","Resource":"arn:aws:s3:::BUCKET/*"}]}
# Extra arguments go to every `aws s3 sync` (--endpoint-url, --profile, --acl public-read...).
# Content types: the aws CLI guesses them from file extensions; feeds and CSV are set here.
# Cache lifetimes match the nginx recipe: files under search/ are named by a hash of their
# content (a year, immutable); CSS and JS keep their names (an hour); the rest 5 minutes.
# Order matters: new search files and assets first, pages last, so that no page ever names a
# file that is not there yet. Old search files are kept (pages cached for 5 minutes may still
# ask for them); remove them now and then with `aws s3 sync --delete` on search/ alone.
# tests/it/hosting_s3.rs runs this script against a local S3 server (moto) and checks every header.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 PUBLIC_DIR s3://BUCKET/PREFIX [aws s3 sync options...]" >&2
  exit 2
fi
src=${1%/}
dest=${2%/}
shift 2
[ -f "$src/index.html" ] || { echo "$src/index.html not found: build the portal first" >&2; exit 2; }

sync() { aws s3 sync --only-show-errors "$@" "${extra[@]}"; }
extra=("$@")
text_exclusions=(--exclude "*.gz" --exclude "*.br" --exclude ".tilik-output")

# 1. Search index: content-hashed names, cached for a year.
sync "$src/search" "$dest/search" "${text_exclusions[@]}" \
  --cache-control "public, max-age=31536000, immutable"

# 2. Stylesheets and scripts: an hour.
sync "$src" "$dest" --exclude "*" --include "*.css" --include "*.js" --exclude "search/*" \
  --cache-control "public, max-age=3600"

# 3. Feeds and CSV: their own types, 5 minutes.
sync "$src" "$dest" --exclude "*" --include "feed.xml" --include "*/feed.xml" \
  --content-type "application/atom+xml; charset=utf-8" --cache-control "public, max-age=300"
sync "$src" "$dest" --exclude "*" --include "*.csv" \
  --content-type "text/csv; charset=utf-8" --cache-control "public, max-age=300"

# 4. Images, attachments, JSON, sitemap: 5 minutes.
others=("${text_exclusions[@]}" --exclude "search/*" --exclude "*.css" --exclude "*.js"
  --exclude "feed.xml" --exclude "*/feed.xml" --exclude "*.csv")
sync "$src" "$dest" "${others[@]}" --exclude "*.html" --cache-control "public, max-age=300"

# 5. Pages last, with their charset: 5 minutes.
sync "$src" "$dest" --exclude "*" --include "*.html" \
  --content-type "text/html; charset=utf-8" --cache-control "public, max-age=300"

# 6. Remove what the new build no longer has (search/ excepted, see above). Everything else is
#    already there, so this only deletes.
sync "$src" "$dest" --delete "${text_exclusions[@]}" --exclude "search/*"
