#!/usr/bin/env python3
"""Writes a study-visit report as a real SKPD would type it, as .docx (python-docx) or .odt
(odfpy), for the `tilik import` tests and the sample portal's imported report.

    python3 make_report.py docx OUT.docx
    python3 make_report.py odt OUT.odt

The document has what real reports have: a letterhead (kop surat) with a logo, a title in
capitals, a table of contents, chapters numbered by hand ("I. PENDAHULUAN", "A. Latar
Belakang"), "Label : value" lines for dates, place, funding and budget, a participant table
with NIPs, a schedule table with merged cells, a photo with metadata and a caption, bold and
italic text, a hyperlink, a footnote (odt), nested bulleted lists, numbered recommendations
under "Saran", a closing sentence and a signature block, and a page number in the footer.
"""
import struct
import sys
import zlib

LETTERHEAD = [
    "PEMERINTAH KABUPATEN SLEMAN",
    "DINAS KOMUNIKASI DAN INFORMATIKA",
    "Jalan Parasamya No. 1, Beran, Tridadi, Sleman 55511, Telp. (0274) 868405",
]
TITLE = ["LAPORAN HASIL STUDI BANDING", "KE DINAS KOMUNIKASI DAN INFORMATIKA KOTA SURABAYA"]
TOC = [("I. PENDAHULUAN", "1"), ("II. PELAKSANAAN", "2"), ("III. HASIL KUNJUNGAN", "3"), ("IV. PENUTUP", "4")]
BACKGROUND = (
    "Pelayanan pengaduan masyarakat di Kabupaten Sleman masih tersebar di banyak kanal dan "
    "belum terpantau dalam satu dasbor. Kota Surabaya dipilih karena telah menjalankan "
    "Command Center 112 yang memadukan pengaduan, darurat dan kamera lalu lintas."
)
OBJECTIVES = [
    "Mempelajari tata kelola Command Center 112 dan alur penanganan pengaduan;",
    "Mengetahui integrasi data antar perangkat daerah; dan",
    "Menjajaki kerja sama pendampingan teknis.",
]
FIELDS = [
    ("Hari/Tanggal", "Senin s.d. Rabu, 6–8 Mei 2024"),
    ("Tempat", "Dinas Komunikasi dan Informatika Kota Surabaya, Jl. Jimerto No. 25-27"),
    ("Sumber dana", "APBD Kabupaten Sleman Tahun Anggaran 2024"),
    ("Anggaran", "Rp 45.000.000,-"),
]
TEAM = [
    ("1", "Budi Santoso, S.Kom", "19800101 200501 1 001", "Kepala Bidang Aplikasi Informatika"),
    ("2", "Siti Rahmawati, S.T.", "19850505 201001 2 003", "Pranata Komputer Ahli Muda"),
]
SCHEDULE = [
    ("Senin, 6 Mei 2024", "09.00–12.00", "Paparan Command Center 112"),
    (None, "13.00–15.00", "Kunjungan ruang kendali"),
    ("Selasa, 7 Mei 2024", "09.00–11.00", "Diskusi integrasi data"),
]
FINDING_1 = (
    "Command Center 112 beroperasi 24 jam dengan 40 operator dalam tiga giliran. Setiap "
    "laporan diberi nomor tiket dan waktu tanggap rata-rata tercatat 7 menit."
)
FINDING_2_BOLD = "Integrasi data"
FINDING_2 = (
    " dilakukan melalui satu gudang data yang dikelola Diskominfo; perangkat daerah lain "
    "mengakses dasbor sesuai kewenangan."
)
LINK_TEXT = "portal Command Center 112"
LINK_URL = "https://112.surabaya.go.id/"
BULLETS = [("Aplikasi pelaporan warga", 0), ("Android dan iOS", 1), ("Kanal WhatsApp", 1), ("Kamera lalu lintas", 0)]
CAPTION = "Gambar 1. Diskusi tim dengan operator Command Center 112"
ALT = "Tim berdiskusi dengan operator di ruang kendali"
CONCLUSION = "Model Command Center 112 dapat diterapkan bertahap di Kabupaten Sleman."
RECOMMENDATIONS = [
    "Menyusun kajian kebutuhan pusat layanan pengaduan terpadu",
    "Mengintegrasikan kanal pengaduan ke dalam satu dasbor",
    "Menjalin kerja sama pendampingan teknis dengan Diskominfo Kota Surabaya",
]
CLOSING = "Demikian laporan ini kami sampaikan sebagai bahan pertimbangan pimpinan."
SIGNATURE = ["Sleman, 10 Mei 2024", "Ketua Tim,", "(ttd)", "Budi Santoso, S.Kom", "NIP. 19800101 200501 1 001"]
FOOTNOTE = "Berdasarkan data Diskominfo Kota Surabaya per April 2024."


def png(width=8, height=6):
    """A small PNG with a text chunk naming its author (metadata the import must strip)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"".join(bytes([(x * 30) % 256, (y * 40) % 256, 120]) for x in range(width)) for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"tEXt", b"Author\x00Budi Santoso GPS -7.7,110.3")
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def make_docx(out):
    import io
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    doc = Document()
    header = doc.sections[0].header
    header.paragraphs[0].text = "PEMERINTAH KABUPATEN SLEMAN"
    footer = doc.sections[0].footer
    fp = footer.paragraphs[0]
    run = fp.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, None), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif text:
            el = OxmlElement("w:instrText")
            el.text = text
            run._r.append(el)
        else:
            t = OxmlElement("w:t")
            t.text = "1"
            run._r.append(t)

    logo = doc.add_paragraph()
    logo.alignment = WD_ALIGN_PARAGRAPH.CENTER
    logo.add_run().add_picture(io.BytesIO(png(4, 4)), width=Cm(1.5))
    for line in LETTERHEAD:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(line).bold = line.isupper()
    for line in TITLE:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(line).bold = True
    doc.add_paragraph().add_run("DAFTAR ISI").bold = True
    for text, page in TOC:
        doc.add_paragraph(f"{text}\t{page}")

    def bold_para(text):
        doc.add_paragraph().add_run(text).bold = True

    bold_para("I. PENDAHULUAN")
    bold_para("A. Latar Belakang")
    doc.add_paragraph(BACKGROUND)
    bold_para("B. Maksud dan Tujuan")
    doc.add_paragraph("Tujuan studi banding ini adalah:")
    for o in OBJECTIVES:
        doc.add_paragraph(o, style="List Number")
    bold_para("C. Waktu dan Tempat")
    for k, v in FIELDS:
        doc.add_paragraph(f"{k}\t: {v}")
    bold_para("D. Peserta")
    t = doc.add_table(rows=1, cols=4)
    for i, h in enumerate(("No", "Nama", "NIP", "Jabatan")):
        t.rows[0].cells[i].text = h
    for row in TEAM:
        cells = t.add_row().cells
        for i, v in enumerate(row):
            cells[i].text = v

    bold_para("II. PELAKSANAAN")
    doc.add_paragraph("Jadwal kegiatan selama kunjungan adalah sebagai berikut.")
    t = doc.add_table(rows=1, cols=3)
    for i, h in enumerate(("Hari", "Waktu", "Kegiatan")):
        t.rows[0].cells[i].text = h
    rows = []
    for day, time, what in SCHEDULE:
        cells = t.add_row().cells
        if day:
            cells[0].text = day
        cells[1].text = time
        cells[2].text = what
        rows.append(cells)
    rows[0][0].merge(rows[1][0])

    bold_para("III. HASIL KUNJUNGAN")
    bold_para("A. Command Center 112")
    doc.add_paragraph(FINDING_1)
    p = doc.add_paragraph()
    p.add_run(FINDING_2_BOLD).bold = True
    p.add_run(FINDING_2)
    p = doc.add_paragraph("Informasi lengkap tersedia di ")
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), doc.part.relate_to(LINK_URL, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", is_external=True))
    r = OxmlElement("w:r")
    t_el = OxmlElement("w:t")
    t_el.text = LINK_TEXT
    r.append(t_el)
    link.append(r)
    p._p.append(link)
    p.add_run(".")
    doc.add_paragraph("Kanal pengaduan yang dipadukan:")
    for text, level in BULLETS:
        doc.add_paragraph(text, style="List Bullet" if level == 0 else "List Bullet 2")
    pic = doc.add_paragraph()
    pic.add_run().add_picture(io.BytesIO(png()), width=Cm(8))
    pic.runs[0]._r.xpath(".//wp:docPr")[0].set("descr", ALT)
    doc.add_paragraph(CAPTION, style="Caption")
    p = doc.add_paragraph()
    p.add_run("Catatan: ").italic = True
    p.add_run("operator bekerja dalam tiga giliran.")

    bold_para("IV. PENUTUP")
    bold_para("A. Kesimpulan")
    doc.add_paragraph(CONCLUSION)
    bold_para("B. Saran")
    for r_text in RECOMMENDATIONS:
        doc.add_paragraph(r_text + ";", style="List Number")
    doc.add_paragraph(CLOSING)
    for line in SIGNATURE:
        p = doc.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.core_properties.author = "Budi Santoso"
    doc.save(out)


def make_odt(out):
    from odf.opendocument import OpenDocumentText
    from odf.style import (ListLevelProperties, MasterPage, Header, Footer, ParagraphProperties,
                           Style, TextProperties, PageLayout)
    from odf.text import (A, H, List, ListItem, ListLevelStyleBullet, ListLevelStyleNumber,
                          ListStyle, Note, NoteBody, NoteCitation, P, PageNumber, Span, Tab)
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
    from odf.draw import Frame, Image
    from odf.svg import Desc

    doc = OpenDocumentText()
    bold = Style(name="Bold", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    italic = Style(name="Italic", family="text")
    italic.addElement(TextProperties(fontstyle="italic"))
    center = Style(name="Center", family="paragraph")
    center.addElement(ParagraphProperties(textalign="center"))
    center_bold = Style(name="CenterBold", family="paragraph")
    center_bold.addElement(ParagraphProperties(textalign="center"))
    center_bold.addElement(TextProperties(fontweight="bold"))
    for s in (bold, italic, center, center_bold):
        doc.automaticstyles.addElement(s)
    h1 = Style(name="Heading 1", family="paragraph", defaultoutlinelevel="1")
    h2 = Style(name="Heading 2", family="paragraph", defaultoutlinelevel="2")
    caption = Style(name="Caption", family="paragraph")
    for s in (h1, h2, caption):
        doc.styles.addElement(s)
    numbered = ListStyle(name="Numbered")
    numbered.addElement(ListLevelStyleNumber(level=1, numformat="1", numsuffix="."))
    bullets = ListStyle(name="Bullets")
    for lvl in (1, 2):
        b = ListLevelStyleBullet(level=lvl, bulletchar="•")
        b.addElement(ListLevelProperties())
        bullets.addElement(b)
    doc.automaticstyles.addElement(numbered)
    doc.automaticstyles.addElement(bullets)
    layout = PageLayout(name="Page")
    doc.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    hdr = Header()
    hdr.addElement(P(text="PEMERINTAH KABUPATEN SLEMAN"))
    master.addElement(hdr)
    ftr = Footer()
    fp = P()
    fp.addElement(PageNumber(selectpage="current", text="1"))
    ftr.addElement(fp)
    master.addElement(ftr)
    doc.masterstyles.addElement(master)
    body = doc.text

    def image_frame(data, name, desc, width="8cm", height="6cm"):
        href = doc.addPicture(name, "image/png", data)
        frame = Frame(width=width, height=height, anchortype="as-char")
        frame.addElement(Image(href=href))
        if desc:
            frame.addElement(Desc(text=desc))
        return frame

    logo = P(stylename=center)
    logo.addElement(image_frame(png(4, 4), "Pictures/logo.png", None, "1.5cm", "1.5cm"))
    body.addElement(logo)
    for line in LETTERHEAD:
        body.addElement(P(stylename=center_bold if line.isupper() else center, text=line))
    for line in TITLE:
        body.addElement(P(stylename=center_bold, text=line))
    body.addElement(P(stylename=center_bold, text="DAFTAR ISI"))
    for text, page in TOC:
        p = P(text=text)
        p.addElement(Tab())
        p.addText(page)
        body.addElement(p)

    body.addElement(H(outlinelevel=1, stylename=h1, text="I. PENDAHULUAN"))
    body.addElement(H(outlinelevel=2, stylename=h2, text="A. Latar Belakang"))
    p = P(text=BACKGROUND)
    note = Note(id="ftn1", noteclass="footnote")
    note.addElement(NoteCitation(text="1"))
    nb = NoteBody()
    nb.addElement(P(text=FOOTNOTE))
    note.addElement(nb)
    p.addElement(note)
    body.addElement(p)
    body.addElement(H(outlinelevel=2, stylename=h2, text="B. Maksud dan Tujuan"))
    body.addElement(P(text="Tujuan studi banding ini adalah:"))
    lst = List(stylename=numbered)
    for o in OBJECTIVES:
        li = ListItem()
        li.addElement(P(text=o))
        lst.addElement(li)
    body.addElement(lst)
    body.addElement(H(outlinelevel=2, stylename=h2, text="C. Waktu dan Tempat"))
    for k, v in FIELDS:
        body.addElement(P(text=f"{k} : {v}"))
    body.addElement(H(outlinelevel=2, stylename=h2, text="D. Peserta"))

    def table(name, header, rows, merge_first=False):
        t = Table(name=name)
        t.addElement(TableColumn(numbercolumnsrepeated=len(header)))
        tr = TableRow()
        for h in header:
            c = TableCell()
            c.addElement(P(text=h))
            tr.addElement(c)
        t.addElement(tr)
        for i, row in enumerate(rows):
            tr = TableRow()
            for j, v in enumerate(row):
                if v is None:
                    tr.addElement(CoveredTableCell())
                    continue
                attrs = {}
                if merge_first and j == 0 and i == 0:
                    attrs["numberrowsspanned"] = 2
                c = TableCell(**attrs)
                c.addElement(P(text=v))
                tr.addElement(c)
            t.addElement(tr)
        return t

    body.addElement(table("Peserta", ("No", "Nama", "NIP", "Jabatan"), TEAM))
    body.addElement(H(outlinelevel=1, stylename=h1, text="II. PELAKSANAAN"))
    body.addElement(P(text="Jadwal kegiatan selama kunjungan adalah sebagai berikut."))
    body.addElement(table("Jadwal", ("Hari", "Waktu", "Kegiatan"), SCHEDULE, merge_first=True))
    body.addElement(H(outlinelevel=1, stylename=h1, text="III. HASIL KUNJUNGAN"))
    body.addElement(H(outlinelevel=2, stylename=h2, text="A. Command Center 112"))
    body.addElement(P(text=FINDING_1))
    p = P()
    p.addElement(Span(stylename=bold, text=FINDING_2_BOLD))
    p.addText(FINDING_2)
    body.addElement(p)
    p = P(text="Informasi lengkap tersedia di ")
    p.addElement(A(href=LINK_URL, text=LINK_TEXT))
    p.addText(".")
    body.addElement(p)
    body.addElement(P(text="Kanal pengaduan yang dipadukan:"))
    outer = List(stylename=bullets)
    current = None
    for text, level in BULLETS:
        if level == 0:
            current = ListItem()
            current.addElement(P(text=text))
            outer.addElement(current)
        else:
            inner = [c for c in current.childNodes if c.qname[1] == "list"]
            if inner:
                sub = inner[0]
            else:
                sub = List()
                current.addElement(sub)
            li = ListItem()
            li.addElement(P(text=text))
            sub.addElement(li)
    body.addElement(outer)
    pic = P()
    pic.addElement(image_frame(png(), "Pictures/foto.png", ALT))
    body.addElement(pic)
    body.addElement(P(stylename=caption, text=CAPTION))
    p = P()
    p.addElement(Span(stylename=italic, text="Catatan: "))
    p.addText("operator bekerja dalam tiga giliran.")
    body.addElement(p)
    body.addElement(H(outlinelevel=1, stylename=h1, text="IV. PENUTUP"))
    body.addElement(H(outlinelevel=2, stylename=h2, text="A. Kesimpulan"))
    body.addElement(P(text=CONCLUSION))
    body.addElement(H(outlinelevel=2, stylename=h2, text="B. Saran"))
    lst = List(stylename=numbered)
    for r_text in RECOMMENDATIONS:
        li = ListItem()
        li.addElement(P(text=r_text + ";"))
        lst.addElement(li)
    body.addElement(lst)
    body.addElement(P(text=CLOSING))
    for line in SIGNATURE:
        body.addElement(P(text=line))
    doc.save(out)


if __name__ == "__main__":
    kind, out = sys.argv[1], sys.argv[2]
    {"docx": make_docx, "odt": make_odt}[kind](out)
