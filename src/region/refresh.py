#!/usr/bin/env python3
"""Regenerates src/region/wilayah.csv from the `idn-area-data` npm package.

Usage (from the repository root):
    cd /tmp && npm pack idn-area-data && tar xzf idn-area-data-*.tgz
    python3 src/region/refresh.py /tmp/package/data > src/region/wilayah.csv

The package (https://github.com/fityannugroho/idn-area-data, data under the ODbL) follows the
Ministry of Home Affairs' official list of regions and their codes (Kepmendagri on "Pemberian
dan Pemutakhiran Kode, Data Wilayah Administrasi Pemerintahan, dan Pulau"). We keep only
provinces and regencies/cities, with names written as they are in running text
("Kabupaten Banyumas", "Daerah Istimewa Yogyakarta") instead of capitals.
Record the package version in src/region/README.md when you refresh.
"""
import csv
import sys

SMALL = {"dan", "di"}
KEEP_UPPER = {"DKI"}


def title(name):
    words = []
    for i, w in enumerate(name.split()):
        if w in KEEP_UPPER:
            words.append(w)
        elif i > 0 and w.lower() in SMALL:
            words.append(w.lower())
        else:
            words.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(words)


def main():
    folder = sys.argv[1]
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["code", "province_code", "name"])
    with open(f"{folder}/provinces.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.writerow([row["code"], "", title(row["name"])])
    with open(f"{folder}/regencies.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.writerow([row["code"], row["province_code"], title(row["name"])])


if __name__ == "__main__":
    main()
