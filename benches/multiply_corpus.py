"""Makes a 100,000-report corpus from the 10,000-report one: ten copies, each re-dated a
multiple of 28 years earlier (28 years keeps leap days and weekdays valid; 224, which would
reach 1800, a common year, is skipped) with unique file names and the links between reports
pointing into the same copy. Usage: multiply_corpus.py SRC DST [COPY...] (SRC: a project with content/laporan/YEAR/)"""
import os, re, shutil, sys
src, dst = sys.argv[1], sys.argv[2]
if not sys.argv[3:]:
    shutil.copy(os.path.join(src, "tilik.toml"), dst)
date = re.compile(rb"\b(\d{4})-(\d\d)-(\d\d)\b")
# Links between reports: `@/laporan/2019/laporan-008466.md` → the same copy's file.
link = re.compile(rb"@/laporan/(\d{4})/([a-z0-9-]+)\.md")
base = os.path.join(src, "content")
SHIFTS = [0, 28, 56, 84, 112, 140, 168, 196, 280, 252]
for k in [int(a) for a in sys.argv[3:]] or range(10):
    shift = SHIFTS[k]
    sub = lambda m: b"%04d-%s-%s" % (int(m.group(1)) - shift, m.group(2), m.group(3))
    for dirpath, _, files in os.walk(base):
        rel = os.path.relpath(dirpath, base)
        for name in files:
            path = os.path.join(dirpath, name)
            if name == "_index.md":
                if k == 0 and not sys.argv[3:]:
                    os.makedirs(os.path.join(dst, "content", rel), exist_ok=True)
                    shutil.copy(path, os.path.join(dst, "content", rel, name))
                continue
            parts = rel.split(os.sep)
            if parts[-1].isdigit():
                parts[-1] = str(int(parts[-1]) - shift)
            out_dir = os.path.join(dst, "content", *parts)
            os.makedirs(out_dir, exist_ok=True)
            data = open(path, "rb").read()
            if shift:
                data = date.sub(sub, data)
            data = link.sub(lambda m: b"@/laporan/%d/%s-c%d.md" % (int(m.group(1)) - shift, m.group(2), k), data)
            stem, ext = os.path.splitext(name)
            open(os.path.join(out_dir, f"{stem}-c{k}{ext}"), "wb").write(data)
