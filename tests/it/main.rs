//! Tilik's integration tests, in one test binary (the crate links once, not once per file).
//!
//! Each module was a file of its own under `tests/` and keeps its test names; run one with
//! `cargo test --test it network_http::`, one test with
//! `cargo test --test it network_http::offline_uses_the_cache_only_and_a_member_without_one_is_skipped`
//! (tests/README.md). Shared helpers are in `common/` (a temporary project, a report, running
//! the real binary, the skip rule for optional tools).

mod common;

mod bench_smoke;
mod build;
mod cli_edges;
mod docs_links;
mod e2e;
mod feeds_sitemap;
mod follow_up_history;
mod hardening;
mod hardening_misc;
mod hardening_output;
mod hardening_serve;
mod hardening_svg;
mod hosting_nginx;
mod hosting_recipes;
mod hosting_s3;
mod html_validity;
mod import;
mod menu;
mod messages_language;
mod network_http;
mod network_hub;
mod network_pages;
mod network_publish;
mod open_data_files;
mod open_standards;
mod parse_cache;
mod plans;
mod portal;
mod privacy;
mod quality;
mod related_eval;
mod search_analyser_agreement;
mod search_index;
mod serve;
mod serve_edit;
mod share_cards;
mod snapshots;
mod validation;
mod writers;
