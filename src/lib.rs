//! Tilik: turns study-visit reports into a static portal.
pub mod search;
