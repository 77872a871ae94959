#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with the sample portal's Markdown files as starting inputs
# (each prefixed with the flag byte the targets read first).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/front_matter corpus/markdown corpus/search corpus/svg
n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  { printf '\000'; cat "$f"; } > "corpus/front_matter/seed-$n"
  { printf '\000'; awk 'n >= 2 { print } /^(\+\+\+|---)[ \t]*$/ { n++ }' "$f"; } > "corpus/markdown/seed-$n"
  cp "corpus/markdown/seed-$n" "corpus/search/seed-$n"
done < <(find ../content ../src/scaffold -name '*.md' -print0)
printf '\001<div onclick="x">a</div>\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n- [x] t\n\n[l](javascript:x) ![i](data:x) [p](../2023/bandung-arsip.md#s)\n' > corpus/markdown/seed-hostile
printf '\000---\ntitle: "NIK 3404121503850001"\ndate: 2024-01-01\nvisit:\n  unit: U\n  start: 2024-01-01\n  destination: D\n  topics: [a]\n  team: ["0812-3456-7890"]\n---\nNIP 19710304 199703 1 002\n' > corpus/front_matter/seed-pii
printf '\000anak-anak bermain-main covid-19 \xc4\xb0stanbul e\xcc\x81 </script>\xe2\x80\xa8' > corpus/search/seed-words
cp ../themes/default/static/favicon.svg corpus/svg/seed-favicon
printf '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="#a"><text>t &amp; &#106;</text></a><style>r{fill:url(#g)}</style><image href="data:image/png;base64,AA"/><svg:script xmlns:svg="http://www.w3.org/2000/svg"/></svg>' > corpus/svg/seed-mixed
# import: the example document whole (flag 0), and its document.xml as a .docx body (flag 1).
mkdir -p corpus/import
{ printf '\000'; cat ../examples/laporan-studi-banding.docx; } > corpus/import/seed-docx
if command -v unzip >/dev/null; then
  { printf '\001'; unzip -p ../examples/laporan-studi-banding.docx word/document.xml; } > corpus/import/seed-body
fi
echo "seeded $n files"
