//! `[[menu]]` in tilik.toml (the portal's own links in the navigation and footer), the pages a
//! new portal gets for it, and `/ikuti/`, the page for people about following the feed.

use crate::common;

use crate::common::Project;

const PAGE: &str = "+++\ntitle = \"Tentang Portal\"\ndate = 2024-01-15\n+++\n\nIsi.\n";

/// A project under a subpath with an about page, one report and the given menu.
fn project(menu: &str) -> Project {
    let p = Project::bare();
    p.file(
        "tilik.toml",
        &format!(
            "title = \"Portal Uji\"\nbase_url = \"https://uji.example.go.id/portal/\"\n\n{menu}"
        ),
    );
    p.file("content/halaman/tentang.md", PAGE);
    p.file("content/laporan/2024/a.md", &common::report("A"));
    p
}

/// The `<nav class="site-nav">` and the footer of an output page.
fn nav_and_footer(html: &str) -> (&str, &str) {
    let nav = html
        .split("<nav class=\"site-nav\"")
        .nth(1)
        .and_then(|s| s.split("</nav>").next())
        .expect("nav");
    let footer = html
        .split("<footer class=\"site-footer\">")
        .nth(1)
        .expect("footer");
    (nav, footer)
}

#[test]
fn menu_links_are_page_relative_in_nav_and_footer_as_placed() {
    let p = project(
        "[[menu]]\nname = \"Tentang\"\nurl = \"/halaman/tentang\"\n\n\
         [[menu]]\nname = \"PPID <Kab>\"\nurl = \"https://ppid.example.go.id/\"\nwhere = \"footer\"\n\n\
         [[menu]]\nname = \"Data\"\nurl = \"https://uji.example.go.id/portal/data/\"\nwhere = \"nav\"\n",
    );
    p.run(&["build"]).expect_code(0);
    let report = p.read("public/laporan/a/index.html");
    let (nav, footer) = nav_and_footer(&report);
    assert!(
        nav.contains("<a href=\"../../halaman/tentang/\">Tentang</a>"),
        "{nav}"
    );
    assert!(nav.contains("<a href=\"../../data/\">Data</a>"), "{nav}");
    assert!(!nav.contains("ppid.example"), "{nav}");
    assert!(
        footer.contains("<a href=\"https://ppid.example.go.id/\">PPID &lt;Kab&gt;</a>"),
        "{footer}"
    );
    assert!(
        footer.contains("<a href=\"../../halaman/tentang/\">Tentang</a>"),
        "{footer}"
    );
    assert!(!footer.contains(">Data</a>"), "{footer}");
    // On the page itself the link says so; on the home page it starts from the root.
    let about = p.read("public/halaman/tentang/index.html");
    let (nav, _) = nav_and_footer(&about);
    assert!(
        nav.contains("<a href=\"../../halaman/tentang/\" aria-current=\"page\">Tentang</a>"),
        "{nav}"
    );
    let home = p.read("public/index.html");
    assert!(home.contains("<a href=\"./halaman/tentang/\">Tentang</a>"));
}

#[test]
fn a_menu_url_that_is_not_an_address_is_an_error_at_its_line_with_a_hint() {
    let p = project("[[menu]]\nname = \"Tentang\"\nurl = \"halaman/tentang\"\n");
    let run = p.run(&["check", "--lang", "en"]).expect_code(2);
    assert!(
        run.stderr
            .contains("tilik.toml:6:7: error: the menu url `halaman/tentang`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("url = \"/halaman/tentang/\""),
        "{}",
        run.stderr
    );
    let p = project("[[menu]]\nname = \"X\"\nurl = \"javascript:alert(1)\"\n");
    p.run(&["build"]).expect_code(2);
    assert!(!p.path().join("public").exists());
    let p = project("[[menu]]\nname = \"X\"\nurl = \"/a/\"\nwhere = \"atas\"\n");
    let run = p.run(&["check"]).expect_code(2);
    assert!(run.stderr.contains("tilik.toml:7:"), "{}", run.stderr);
}

#[test]
fn a_menu_entry_naming_a_missing_page_is_an_error_at_its_line_with_the_nearest_page() {
    let p = project(
        "[[menu]]\nname = \"Beranda\"\nurl = \"/\"\n\n\
         [[menu]]\nname = \"Tentang\"\nurl = \"/halaman/tentng/\"\n\n\
         [[menu]]\nname = \"Lama\"\nurl = \"https://uji.example.go.id/portal/laporan/tidak-ada/\"\n",
    );
    let run = p.run(&["check", "--lang", "en"]).expect_code(1);
    assert!(
        run.stderr.contains(
            "tilik.toml:10:7: error: menu `Tentang` points to /halaman/tentng/, but there is no such page"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("did you mean url = \"/halaman/tentang/\"?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("tilik.toml:14:7: error: menu `Lama` points to /laporan/tidak-ada/"),
        "{}",
        run.stderr
    );
    // A draft is not published: a menu may not link to it.
    let p = project("[[menu]]\nname = \"Tentang\"\nurl = \"/halaman/tentang/\"\n");
    p.file(
        "content/halaman/tentang.md",
        &PAGE.replace("+++\n\nIsi", "draft = true\n+++\n\nIsi"),
    );
    p.run(&["check"]).expect_code(1);
    p.run(&["check", "--drafts"]).expect_code(0);
}

#[test]
fn a_new_portal_has_about_contact_and_guide_pages_in_its_menu() {
    let p = Project::bare();
    common::run_in(p.path(), &["new", "portal"]).expect_code(0);
    let root = p.path().join("portal");
    let config = std::fs::read_to_string(root.join("tilik.toml")).unwrap();
    for url in [
        "/halaman/tentang/",
        "/halaman/kontak/",
        "/halaman/panduan-menulis/",
    ] {
        assert!(config.contains(&format!("url = \"{url}\"")), "{config}");
    }
    let run = common::run_in(&root, &["build", "--strict"]).expect_code(0);
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(said.contains("0 kesalahan, 0 peringatan"), "{said}");
    let guide =
        std::fs::read_to_string(root.join("public/halaman/panduan-menulis/index.html")).unwrap();
    assert!(
        guide.contains("<h1>Panduan Menulis Laporan</h1>"),
        "{guide}"
    );
    assert!(guide.contains("tilik new report"));
    let home = std::fs::read_to_string(root.join("public/index.html")).unwrap();
    let (nav, footer) = nav_and_footer(&home);
    assert!(nav.contains("./halaman/kontak/"), "{nav}");
    assert!(!nav.contains("panduan-menulis"), "{nav}");
    assert!(footer.contains("./halaman/panduan-menulis/"), "{footer}");
    assert!(
        std::fs::read_to_string(root.join("public/halaman/kontak/index.html"))
            .unwrap()
            .contains("PPID")
    );
}

#[test]
fn the_follow_page_tells_how_to_follow_the_feed_and_everything_links_to_it() {
    let p = project("");
    p.run(&["build"]).expect_code(0);
    let follow = p.read("public/ikuti/index.html");
    assert!(
        follow.contains("<h1>Cara mengikuti portal ini</h1>"),
        "{follow}"
    );
    assert!(
        follow.contains("https://uji.example.go.id/portal/feed.xml</code>"),
        "the feed address to copy: {follow}"
    );
    assert!(follow.contains("Feeder") && follow.contains("NetNewsWire"));
    assert!(follow.contains("href=\"../feed.xml\""), "{follow}");
    let report = p.read("public/laporan/a/index.html");
    let (_, footer) = nav_and_footer(&report);
    assert!(footer.contains("href=\"../../ikuti/\""), "{footer}");
    let feed = p.read("public/feed.xml");
    assert!(
        feed.contains(
            "<link rel=\"related\" type=\"text/html\" href=\"https://uji.example.go.id/portal/ikuti/\""
        ),
        "{feed}"
    );
    let unit_feed = p.read("public/skpd/dinas-lingkungan-hidup-kabupaten-sleman/feed.xml");
    assert!(unit_feed.contains("/portal/ikuti/\""), "{unit_feed}");
    let english = project("");
    english.file(
        "tilik.toml",
        "title = \"P\"\nbase_url = \"https://x.go.id/\"\nlanguage = \"en\"\n",
    );
    english.run(&["build"]).expect_code(0);
    assert!(english
        .read("public/ikuti/index.html")
        .contains("<h1>How to follow this portal</h1>"));
}
