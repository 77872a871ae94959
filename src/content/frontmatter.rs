//! Validating a front-matter tree against the contract: keys and their Indonesian aliases,
//! types, required fields, allowed values, date order. Every problem becomes a diagnostic;
//! validation goes on after a problem so that one run reports them all.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;

use super::value::{Entry, Node, Value};
use crate::diagnostics::{did_you_mean, Diagnostic, Lang, Pos};
use crate::model::report::{
    Evaluation, PageMeta, Recommendation, ReportData, Stage, Status, Visit, VisitKind,
};
use crate::msg;

mod history;

/// A key of the contract: its English name and its Indonesian alias.
type KeyDef = (&'static str, &'static str);

/// `title` (`judul`) of every page.
const PAGE_TITLE: KeyDef = ("title", "judul");
/// `date` (`tanggal`) of every page.
const PAGE_DATE: KeyDef = ("date", "tanggal");
/// `summary` (`ringkasan`) of every page.
const PAGE_SUMMARY: KeyDef = ("summary", "ringkasan");
/// `draft` (`draf`) of every page.
const PAGE_DRAFT: KeyDef = ("draft", "draf");
/// `lang` (`bahasa`) of every page.
const PAGE_LANG: KeyDef = ("lang", "bahasa");
/// `slug` (`slug`) of every page.
const PAGE_SLUG: KeyDef = ("slug", "slug");
/// `tags` (`label`) of every page.
const PAGE_TAGS: KeyDef = ("tags", "label");
/// `visit` (`kunjungan`) of every page.
const PAGE_VISIT: KeyDef = ("visit", "kunjungan");
/// `recommendations` (`rekomendasi`) of every page.
const PAGE_RECOMMENDATIONS: KeyDef = ("recommendations", "rekomendasi");
/// `evaluation` (`evaluasi`) of every page.
const PAGE_EVALUATION: KeyDef = ("evaluation", "evaluasi");
/// `extra` (`ekstra`) of every page.
const PAGE_EXTRA: KeyDef = ("extra", "ekstra");
/// `stage` (`tahap`) of every page.
const PAGE_STAGE: KeyDef = ("stage", "tahap");

const PAGE_KEYS: &[KeyDef] = &[
    PAGE_TITLE,
    PAGE_DATE,
    PAGE_SUMMARY,
    PAGE_DRAFT,
    PAGE_LANG,
    PAGE_SLUG,
    PAGE_TAGS,
    PAGE_VISIT,
    PAGE_RECOMMENDATIONS,
    PAGE_EVALUATION,
    PAGE_EXTRA,
    PAGE_STAGE,
];

const VISIT_KEYS: &[KeyDef] = &[
    ("kind", "jenis"),
    ("unit", "skpd"),
    ("start", "mulai"),
    ("end", "selesai"),
    ("destination", "lokasi"),
    ("province", "provinsi"),
    ("country", "negara"),
    ("hosts", "instansi"),
    ("topics", "topik"),
    ("objectives", "tujuan"),
    ("questions", "pertanyaan"),
    ("team", "tim"),
    ("budget", "anggaran"),
    ("funding", "sumber_dana"),
];

/// `id` (`id`) of a recommendation.
const REC_ID: KeyDef = ("id", "id");
/// `text` (`isi`) of a recommendation.
const REC_TEXT: KeyDef = ("text", "isi");
/// `owner` (`penanggung_jawab`) of a recommendation.
const REC_OWNER: KeyDef = ("owner", "penanggung_jawab");
/// `due` (`tenggat`) of a recommendation.
const REC_DUE: KeyDef = ("due", "tenggat");
/// `indicator` (`indikator`) of a recommendation.
const REC_INDICATOR: KeyDef = ("indicator", "indikator");
/// `status` (`status`) of a recommendation.
const REC_STATUS: KeyDef = ("status", "status");
/// `updated` (`diperbarui`) of a recommendation.
const REC_UPDATED: KeyDef = ("updated", "diperbarui");
/// `note` (`catatan`) of a recommendation.
const REC_NOTE: KeyDef = ("note", "catatan");
/// `history` (`riwayat`) of a recommendation.
const REC_HISTORY: KeyDef = ("history", "riwayat");

const RECOMMENDATION_KEYS: &[KeyDef] = &[
    REC_ID,
    REC_TEXT,
    REC_OWNER,
    REC_DUE,
    REC_INDICATOR,
    REC_STATUS,
    REC_UPDATED,
    REC_NOTE,
    REC_HISTORY,
];

/// `goals_met` (`tujuan_tercapai`) of `evaluation`.
const EVAL_GOALS_MET: KeyDef = ("goals_met", "tujuan_tercapai");
/// `feedback` (`umpan_balik`) of `evaluation`.
const EVAL_FEEDBACK: KeyDef = ("feedback", "umpan_balik");
/// `impact` (`dampak`) of `evaluation`.
const EVAL_IMPACT: KeyDef = ("impact", "dampak");
/// `reviewed` (`ditinjau`) of `evaluation`.
const EVAL_REVIEWED: KeyDef = ("reviewed", "ditinjau");

const EVALUATION_KEYS: &[KeyDef] = &[EVAL_GOALS_MET, EVAL_FEEDBACK, EVAL_IMPACT, EVAL_REVIEWED];

/// What validation produced for one file. Shared, never changed once made: the pages of the
/// model and the parse cache of `tilik serve` hold the same values.
#[derive(Clone, Debug, Default)]
pub struct FrontMatter {
    /// Fields of every page.
    pub meta: Arc<PageMeta>,
    /// Present when the page is a report.
    pub report: Option<Arc<ReportData>>,
}

/// Which kind of file is being validated: sections (`_index.md`) need no date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileRole {
    /// A page or report.
    Page,
    /// An `_index.md` of a section or of the home page.
    Section,
}

/// Validation state for one file: where diagnostics go and in which language.
struct Checker<'a> {
    path: &'a std::path::Path,
    lang: Lang,
    diags: &'a mut Vec<Diagnostic>,
}

/// The keys of one table, resolved to their English names.
struct Fields<'n> {
    table_pos: Pos,
    found: Vec<(&'static str, &'n Entry)>,
}

impl<'n> Fields<'n> {
    fn get(&self, name: &str) -> Option<&'n Entry> {
        self.found.iter().find(|(n, _)| *n == name).map(|(_, e)| *e)
    }
}

/// Validates a front-matter tree. Always returns what could be read, even with errors.
pub fn validate(
    node: &Node,
    role: FileRole,
    path: &std::path::Path,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> FrontMatter {
    let mut c = Checker { path, lang, diags };
    c.page(node, role)
}

impl Checker<'_> {
    fn error(&mut self, pos: Pos, message: String) -> &mut Diagnostic {
        self.diags
            .push(Diagnostic::error(self.path, Some(pos), message));
        self.diags.last_mut().expect("just pushed")
    }

    fn fields<'n>(&mut self, node: &'n Node, defs: &[KeyDef], context: &str) -> Fields<'n> {
        let mut fields = Fields {
            table_pos: node.pos,
            found: Vec::new(),
        };
        let entries = match &node.value {
            Value::Table(entries) => entries,
            other => {
                let msg = msg!(
                    self.lang,
                    "frontmatter.not_a_table",
                    context,
                    kind_name = other.kind_name(self.lang)
                );
                self.error(node.pos, msg);
                return fields;
            }
        };
        for entry in entries {
            let def = defs
                .iter()
                .find(|(en, id)| entry.key == *en || entry.key == *id);
            let Some(&(name, alias)) = def else {
                self.unknown_key(entry, defs, context);
                continue;
            };
            if let Some(previous) = fields.get(name) {
                let msg = msg!(
                    self.lang,
                    "frontmatter.same_key_twice",
                    key = previous.key,
                    key2 = entry.key,
                    name,
                    alias
                );
                let line = previous.key_pos.line;
                let hint = msg!(self.lang, "frontmatter.same_key_twice_hint", line);
                self.error(entry.key_pos, msg).hint = Some(hint);
                continue;
            }
            fields.found.push((name, entry));
        }
        fields
    }

    fn unknown_key(&mut self, entry: &Entry, defs: &[KeyDef], context: &str) {
        let names = defs.iter().flat_map(|(en, id)| [*en, *id]);
        let suggestion = did_you_mean(&entry.key, names);
        let msg = msg!(
            self.lang,
            "frontmatter.unknown_key",
            key = entry.key,
            context
        );
        let hint = match suggestion {
            Some(s) => msg!(self.lang, "frontmatter.did_you_mean", suggestion = s),
            None => {
                let list = defs
                    .iter()
                    .map(|(en, _)| *en)
                    .collect::<Vec<_>>()
                    .join(", ");
                msg!(self.lang, "frontmatter.known_keys", list)
            }
        };
        self.error(entry.key_pos, msg).hint = Some(hint);
    }

    fn missing(&mut self, fields: &Fields, (name, alias): KeyDef, context: &str) {
        let msg = msg!(
            self.lang,
            "frontmatter.required_key_missing",
            name,
            alias,
            context
        );
        self.error(fields.table_pos, msg);
    }

    /// The entry of a key, reporting it as missing when it is required and absent.
    fn lookup<'n>(
        &mut self,
        fields: &Fields<'n>,
        key: KeyDef,
        required: bool,
        context: &str,
    ) -> Option<&'n Entry> {
        let entry = fields.get(key.0);
        if entry.is_none() && required {
            self.missing(fields, key, context);
        }
        entry
    }

    /// `text` without control characters (other than tab and line breaks), which XML 1.0
    /// cannot carry (a feed with one is not a feed) and no reader can see; a warning at `pos`
    /// names the first one.
    fn without_controls(&mut self, text: &str, key: &str, pos: Pos) -> String {
        let is_control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
        let Some(first) = text.chars().find(|&c| is_control(c)) else {
            return text.to_string();
        };
        let code = format!("U+{:04X}", u32::from(first));
        let msg = msg!(self.lang, "frontmatter.control_character", key, code);
        self.diags.push(
            Diagnostic::warning(self.path, Some(pos), msg)
                .with_hint(msg!(self.lang, "frontmatter.control_character_hint")),
        );
        text.chars().filter(|&c| !is_control(c)).collect()
    }

    fn type_error(&mut self, entry: &Entry, expected: &str) {
        let found = entry.node.value.kind_name(self.lang);
        let msg = msg!(
            self.lang,
            "frontmatter.wrong_type",
            key = entry.key,
            expected,
            found
        );
        self.error(entry.node.pos, msg);
    }

    fn string(
        &mut self,
        fields: &Fields,
        key: KeyDef,
        required: bool,
        context: &str,
    ) -> Option<String> {
        let entry = self.lookup(fields, key, required, context)?;
        let text = match &entry.node.value {
            Value::Str(s) | Value::Scalar(s) => {
                let key = entry.key.clone();
                self.without_controls(s.trim(), &key, entry.node.pos)
            }
            Value::Int(i) => i.to_string(),
            Value::Null => String::new(),
            _ => {
                let expected = msg!(self.lang, "frontmatter.expected_string");
                self.type_error(entry, &expected);
                return None;
            }
        };
        if text.is_empty() {
            if required {
                let msg = msg!(self.lang, "frontmatter.empty", key = entry.key);
                self.error(entry.node.pos, msg);
            }
            return None;
        }
        Some(text)
    }

    fn date(
        &mut self,
        fields: &Fields,
        key: KeyDef,
        required: bool,
        context: &str,
    ) -> Option<NaiveDate> {
        let entry = self.lookup(fields, key, required, context)?;
        let raw = match &entry.node.value {
            Value::Datetime(s) | Value::Str(s) | Value::Scalar(s) => s.trim(),
            _ => {
                let expected = msg!(self.lang, "frontmatter.expected_date");
                self.type_error(entry, &expected);
                return None;
            }
        };
        match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            Ok(date) if raw.len() == 10 => Some(date),
            _ => {
                let msg = msg!(self.lang, "frontmatter.invalid_date", key = entry.key, raw);
                let hint = super::hints::date_hint(raw, self.lang);
                self.error(entry.node.pos, msg).hint = Some(hint);
                None
            }
        }
    }

    fn boolean(&mut self, fields: &Fields, name: &str) -> Option<bool> {
        let entry = fields.get(name)?;
        match &entry.node.value {
            Value::Bool(b) => Some(*b),
            Value::Scalar(s) if matches!(s.as_str(), "true" | "false") => Some(s == "true"),
            _ => {
                self.type_error(entry, "true/false");
                None
            }
        }
    }

    fn integer(&mut self, fields: &Fields, name: &str) -> Option<i64> {
        let entry = fields.get(name)?;
        let parsed = match &entry.node.value {
            Value::Int(i) => Some(*i),
            Value::Scalar(s) => s.parse().ok(),
            _ => None,
        };
        if parsed.is_none_or(|n| n < 0) {
            let msg = msg!(self.lang, "frontmatter.not_rupiah", key = entry.key);
            let written = match &entry.node.value {
                Value::Str(s) | Value::Scalar(s) => super::hints::rupiah_hint(s, self.lang),
                _ => None,
            };
            let hint = written
                .unwrap_or_else(|| msg!(self.lang, "frontmatter.not_rupiah_hint").to_string());
            self.error(entry.node.pos, msg).hint = Some(hint);
            return None;
        }
        parsed
    }

    fn string_list(
        &mut self,
        fields: &Fields,
        key: KeyDef,
        required: bool,
        context: &str,
    ) -> Vec<String> {
        let Some(entry) = self.lookup(fields, key, required, context) else {
            return Vec::new();
        };
        let items = match &entry.node.value {
            Value::Array(items) => items,
            Value::Null => &Vec::new(),
            Value::Str(s) | Value::Scalar(s) => {
                let msg = msg!(self.lang, "frontmatter.not_a_list", key = entry.key);
                let hint = format!("{} = [\"{}\"]", entry.key, s.replace('"', "\\\""));
                self.error(entry.node.pos, msg).hint = Some(hint);
                return Vec::new();
            }
            _ => {
                let expected = msg!(self.lang, "frontmatter.expected_string_list");
                self.type_error(entry, &expected);
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for item in items {
            match &item.value {
                Value::Str(s) | Value::Scalar(s) if !s.trim().is_empty() => {
                    let key = entry.key.clone();
                    let clean = self.without_controls(s.trim(), &key, item.pos);
                    out.push(clean)
                }
                Value::Int(i) => out.push(i.to_string()),
                _ => {
                    let msg = msg!(self.lang, "frontmatter.empty_list_item", key = entry.key);
                    self.error(item.pos, msg);
                }
            }
        }
        if required && out.is_empty() && items.is_empty() {
            let msg = msg!(self.lang, "frontmatter.empty_list", key = entry.key);
            self.error(entry.node.pos, msg);
        }
        out
    }

    fn one_of<T: Copy>(
        &mut self,
        entry: &Entry,
        allowed: &[&str],
        parse: impl Fn(&str) -> Option<T>,
        synonym: impl Fn(&str) -> Option<&'static str>,
    ) -> Option<T> {
        let raw = match &entry.node.value {
            Value::Str(s) | Value::Scalar(s) => s.trim(),
            _ => {
                let expected = msg!(self.lang, "frontmatter.expected_string");
                self.type_error(entry, &expected);
                return None;
            }
        };
        if let Some(v) = parse(raw) {
            return Some(v);
        }
        let list = allowed.join(", ");
        let msg = msg!(
            self.lang,
            "frontmatter.unknown_value",
            key = entry.key,
            raw,
            list
        );
        let suggestion = synonym(raw).or_else(|| did_you_mean(raw, allowed.iter().copied()));
        let hint = suggestion.map(|s| msg!(self.lang, "frontmatter.did_you_mean", suggestion = s));
        self.error(entry.node.pos, msg).hint = hint;
        None
    }

    fn page(&mut self, node: &Node, role: FileRole) -> FrontMatter {
        let ctx = msg!(self.lang, "frontmatter.context_front_matter");
        let f = self.fields(node, PAGE_KEYS, &ctx);
        let mut meta = PageMeta {
            title: self.string(&f, PAGE_TITLE, true, &ctx).unwrap_or_default(),
            date: self.date(&f, PAGE_DATE, role == FileRole::Page, &ctx),
            summary: self.string(&f, PAGE_SUMMARY, false, &ctx),
            draft: self.boolean(&f, "draft").unwrap_or(false),
            slug: self.string(&f, PAGE_SLUG, false, &ctx),
            tags: self.string_list(&f, PAGE_TAGS, false, &ctx),
            ..PageMeta::default()
        };
        if let Some(entry) = f.get("lang") {
            meta.lang = self.one_of(entry, &["id", "en"], Lang::parse, |_| None);
        }
        if let Some(entry) = f.get("slug") {
            if let Some(slug) = &meta.slug {
                if crate::model::slug::slugify(slug) != *slug {
                    let msg = msg!(self.lang, "frontmatter.bad_slug", slug);
                    let hint = msg!(
                        self.lang,
                        "frontmatter.example",
                        value = crate::model::slug::slugify(slug)
                    );
                    self.error(entry.node.pos, msg).hint = Some(hint);
                    meta.slug = None;
                }
            }
        }
        if let Some(entry) = f.get("extra") {
            if matches!(entry.node.value, Value::Table(_)) {
                meta.extra = to_json(&entry.node);
            } else {
                let expected = msg!(self.lang, "frontmatter.expected_table");
                self.type_error(entry, &expected);
            }
        }
        let stage = f.get("stage").map(|entry| {
            let stage = self.one_of(entry, &Stage::NAMES, Stage::parse, Stage::from_synonym);
            (entry, stage.unwrap_or_default())
        });
        let report = match f.get("visit") {
            Some(visit) => {
                let mut report = self.report(visit, &f);
                if let Some((_, stage)) = stage {
                    report.stage = stage;
                }
                if report.stage == Stage::Rencana {
                    self.plan_needs(visit, &report);
                }
                Some(report)
            }
            None => {
                if let Some((entry, Stage::Rencana)) = stage {
                    let msg = msg!(self.lang, "frontmatter.plan_without_visit");
                    self.error(entry.key_pos, msg);
                }
                for name in ["recommendations", "evaluation"] {
                    if let Some(entry) = f.get(name) {
                        let msg = msg!(
                            self.lang,
                            "frontmatter.report_key_without_visit",
                            key = entry.key
                        );
                        self.error(entry.key_pos, msg);
                    }
                }
                None
            }
        };
        FrontMatter {
            meta: Arc::new(meta),
            report: report.map(Arc::new),
        }
    }

    /// A plan must say what the visit is for: `visit.objectives` is required.
    fn plan_needs(&mut self, visit_entry: &Entry, report: &ReportData) {
        if !report.visit.objectives.is_empty() {
            return;
        }
        let msg = msg!(self.lang, "frontmatter.plan_without_objectives");
        let hint = msg!(self.lang, "frontmatter.plan_without_objectives_hint");
        self.error(visit_entry.node.pos, msg).hint = Some(hint);
    }

    fn report(&mut self, visit_entry: &Entry, page: &Fields) -> ReportData {
        let visit = self.visit(&visit_entry.node);
        let mut recommendations = Vec::new();
        if let Some(entry) = page.get("recommendations") {
            match &entry.node.value {
                Value::Array(items) => {
                    let mut seen: HashMap<String, Pos> = HashMap::new();
                    for (i, item) in items.iter().enumerate() {
                        let rec = self.recommendation(item, i, items);
                        if let Some(first) = seen.get(&rec.id).filter(|_| !rec.id.is_empty()) {
                            let msg = msg!(
                                self.lang,
                                "frontmatter.duplicate_recommendation_id",
                                id = rec.id
                            );
                            let free = free_id(items, i);
                            let hint = msg!(
                                self.lang,
                                "frontmatter.duplicate_recommendation_id_hint",
                                id = rec.id,
                                line = first.line,
                                free
                            );
                            self.error(rec.pos, msg).hint = Some(hint);
                        } else if !rec.id.is_empty() {
                            seen.insert(rec.id.clone(), rec.pos);
                        }
                        recommendations.push(rec);
                    }
                }
                _ => {
                    let expected = msg!(self.lang, "frontmatter.expected_recommendation_list");
                    self.type_error(entry, &expected);
                }
            }
        }
        let evaluation = page.get("evaluation").map(|e| self.evaluation(&e.node));
        ReportData {
            stage: Stage::Laporan,
            visit,
            recommendations,
            evaluation,
        }
    }

    fn visit(&mut self, node: &Node) -> Visit {
        let ctx = msg!(self.lang, "frontmatter.context_visit");
        let f = self.fields(node, VISIT_KEYS, &ctx);
        let k = |name: &str| {
            *VISIT_KEYS
                .iter()
                .find(|(n, _)| *n == name)
                .expect("known key")
        };
        let kind = f
            .get("kind")
            .and_then(|e| self.one_of(e, &VisitKind::NAMES, VisitKind::parse, |_| None))
            .unwrap_or_default();
        let start = self.date(&f, k("start"), true, &ctx);
        let mut end = self.date(&f, k("end"), false, &ctx);
        if let (Some(s), Some(e), Some(entry)) = (start, end, f.get("end")) {
            if e < s {
                let msg = msg!(
                    self.lang,
                    "frontmatter.end_before_start",
                    end = e,
                    start = s
                );
                self.error(entry.node.pos, msg);
                end = None;
            }
        }
        let destination = self
            .string(&f, k("destination"), true, &ctx)
            .unwrap_or_default();
        let mut province = self.string(&f, k("province"), false, &ctx);
        let country = self
            .string(&f, k("country"), false, &ctx)
            .unwrap_or_else(|| "Indonesia".into());
        let (mut place, mut place_problem) = Default::default();
        if crate::model::abroad::is_indonesia(&country) {
            let (found, problem) = crate::region::resolve(&destination, province.as_deref());
            place = found;
            // A destination that names a regency/city tells the province left out.
            if province.is_none() {
                province = found.province.map(|p| p.name.to_string());
            }
            let at = f.get("province").or(f.get("destination"));
            place_problem = problem.zip(at.map(|e| e.node.pos)).map(|(p, pos)| (pos, p));
        }
        Visit {
            kind,
            unit: self.string(&f, k("unit"), true, &ctx).unwrap_or_default(),
            start,
            end: end.or(start),
            destination,
            province,
            country,
            place,
            place_problem,
            hosts: self.string_list(&f, k("hosts"), false, &ctx),
            topics: self.string_list(&f, k("topics"), true, &ctx),
            objectives: self.string_list(&f, k("objectives"), false, &ctx),
            questions: self.string_list(&f, k("questions"), false, &ctx),
            destination_pos: f.get("destination").map(|e| e.key_pos),
            end_pos: f.get("end").or(f.get("start")).map(|e| e.key_pos),
            team: self.string_list(&f, k("team"), false, &ctx),
            budget: self.integer(&f, "budget"),
            funding: self.string(&f, k("funding"), false, &ctx),
        }
    }

    /// The recommendation `node`, the `index`-th of `all`.
    fn recommendation(&mut self, node: &Node, index: usize, all: &[Node]) -> Recommendation {
        let ctx = msg!(self.lang, "frontmatter.context_recommendation");
        let f = self.fields(node, RECOMMENDATION_KEYS, &ctx);
        let id = self.string(&f, REC_ID, false, &ctx);
        if id.is_none() {
            let free = free_id(all, index);
            let (pos, msg) = match f.get("id") {
                Some(entry) => (
                    entry.node.pos,
                    msg!(
                        self.lang,
                        "frontmatter.empty_recommendation_id",
                        value = index + 1
                    ),
                ),
                None => (
                    node.pos,
                    msg!(
                        self.lang,
                        "frontmatter.missing_recommendation_id",
                        value = index + 1
                    ),
                ),
            };
            let hint = msg!(
                self.lang,
                "frontmatter.missing_recommendation_id_hint",
                free
            );
            self.error(pos, msg).hint = Some(hint);
        }
        let status = f
            .get("status")
            .and_then(|e| {
                let allowed: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
                self.one_of(e, &allowed, Status::read, |w| {
                    Status::from_synonym(w).map(Status::as_str)
                })
            })
            .unwrap_or_default();
        Recommendation {
            id: id.unwrap_or_default(),
            text: self.string(&f, REC_TEXT, true, &ctx).unwrap_or_default(),
            owner: self.string(&f, REC_OWNER, true, &ctx).unwrap_or_default(),
            due: self.date(&f, REC_DUE, false, &ctx),
            indicator: self.string(&f, REC_INDICATOR, false, &ctx),
            status,
            updated: self.date(&f, REC_UPDATED, false, &ctx),
            note: self.string(&f, REC_NOTE, false, &ctx),
            history: f.get("history").map_or_else(Vec::new, |e| self.history(e)),
            pos: node.pos,
        }
    }

    fn evaluation(&mut self, node: &Node) -> Evaluation {
        let ctx = msg!(self.lang, "frontmatter.context_evaluation");
        let f = self.fields(node, EVALUATION_KEYS, &ctx);
        Evaluation {
            goals_met: self.boolean(&f, "goals_met"),
            feedback: self.string(&f, EVAL_FEEDBACK, false, &ctx),
            impact: self.string(&f, EVAL_IMPACT, false, &ctx),
            reviewed: self.date(&f, EVAL_REVIEWED, false, &ctx),
        }
    }
}

/// An id of the form `R<n>` that none of the recommendations `all` uses, `n` counted from the
/// place of the `index`-th.
fn free_id(all: &[Node], index: usize) -> String {
    let used: HashSet<&str> = all
        .iter()
        .filter_map(|node| match &node.value {
            Value::Table(entries) => entries.iter().find(|e| e.key == "id"),
            _ => None,
        })
        .filter_map(|e| match &e.node.value {
            Value::Str(s) | Value::Scalar(s) => Some(s.trim()),
            _ => None,
        })
        .collect();
    (index + 1..)
        .map(|n| format!("R{n}"))
        .find(|id| !used.contains(id.as_str()))
        .unwrap_or_default()
}

/// Converts a value tree to JSON for templates (`extra`).
fn to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value as J;
    match &node.value {
        Value::Str(s) | Value::Scalar(s) | Value::Datetime(s) => J::String(s.clone()),
        Value::Int(i) => J::from(*i),
        Value::Float(f) => J::from(*f),
        Value::Bool(b) => J::Bool(*b),
        Value::Null => J::Null,
        Value::Array(items) => J::Array(items.iter().map(to_json).collect()),
        Value::Table(entries) => J::Object(
            entries
                .iter()
                .map(|e| (e.key.clone(), to_json(&e.node)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::value::{parse_toml, parse_yaml};
    use std::path::Path;

    fn check_toml(src: &str) -> (FrontMatter, Vec<Diagnostic>) {
        let node = parse_toml(src, 2).unwrap();
        let mut diags = Vec::new();
        let fm = validate(
            &node,
            FileRole::Page,
            Path::new("a.md"),
            Lang::En,
            &mut diags,
        );
        (fm, diags)
    }

    #[test]
    fn aliases_read_like_english_keys() {
        let (fm, diags) = check_toml(
            "judul = \"Studi\"\ntanggal = 2024-05-06\n[kunjungan]\nskpd = \"DLH\"\nmulai = 2024-05-01\nlokasi = \"Surabaya\"\ntopik = [\"sampah\"]\nnegara = \"Jepang\"\n[[rekomendasi]]\nid = \"R1\"\nisi = \"x\"\npenanggung_jawab = \"y\"\nstatus = \"proses\"\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(fm.meta.title, "Studi");
        let r = fm.report.unwrap();
        assert_eq!(r.visit.unit, "DLH");
        assert_eq!(r.visit.end, r.visit.start);
        assert_eq!(r.recommendations[0].status, Status::Proses);
    }

    #[test]
    fn unknown_key_both_spellings_and_bad_status() {
        let (_, diags) = check_toml(
            "titel = \"A\"\ntitle = \"A\"\njudul = \"B\"\ndate = 2024-01-01\n[visit]\nunit = \"U\"\nstart = 2024-01-02\nend = 2024-01-01\ndestination = \"D\"\ntopics = [\"t\"]\n[[recommendations]]\nid = \"R1\"\ntext = \"x\"\nowner = \"o\"\nstatus = \"sudah tuntas\"\n",
        );
        let msgs: Vec<String> = diags.iter().map(|d| d.render(Lang::En)).collect();
        assert!(
            msgs[0].starts_with("a.md:2:1: error: unknown key `titel`"),
            "{msgs:?}"
        );
        assert!(msgs[0].contains("did you mean `title`?"));
        assert!(
            msgs[1].starts_with("a.md:4:1: error: `title` and `judul`"),
            "{msgs:?}"
        );
        assert!(msgs[2].starts_with("a.md:9:7: error: end date"), "{msgs:?}");
        assert!(msgs[3].contains(
            "unknown value `sudah tuntas`; allowed: usulan, proses, selesai, dievaluasi, dibatalkan"
        ));
        assert!(msgs[3].contains("did you mean `selesai`?"));
        assert_eq!(diags.len(), 4);
    }

    #[test]
    fn missing_required_fields_are_each_reported() {
        let (_, diags) = check_toml("summary = \"s\"\n[visit]\nkind = \"x\"\n");
        let text: Vec<String> = diags.iter().map(|d| d.message.clone()).collect();
        for key in [
            "`title`",
            "`date`",
            "`start`",
            "`unit`",
            "`destination`",
            "`topics`",
        ] {
            assert!(
                text.iter().any(|m| m.contains(key)),
                "{key} not in {text:?}"
            );
        }
        assert!(text.iter().any(|m| m.contains("unknown value `x`")));
    }

    #[test]
    fn yaml_values_are_coerced_by_expected_type() {
        let node = parse_yaml(
            "title: 2024\ndate: 2024-05-06\ndraft: true\nvisit:\n  unit: U\n  start: 2024-05-01\n  destination: D\n  topics: [a, b]\n  budget: 45000000\n",
            2,
            Lang::En,
        )
        .unwrap();
        let mut diags = Vec::new();
        let fm = validate(
            &node,
            FileRole::Page,
            Path::new("a.md"),
            Lang::En,
            &mut diags,
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(fm.meta.title, "2024");
        assert!(fm.meta.draft);
        assert_eq!(fm.report.unwrap().visit.budget, Some(45_000_000));
    }
}
