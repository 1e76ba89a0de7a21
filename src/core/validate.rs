//! Checks on a scenario that its shape cannot express: ids, translations, references.
//! Every problem is reported, each with its JSON path.

use std::collections::HashSet;

use super::error::Problem;
use super::scenario::{
    AgreementSpec, AnalysisKind, Axis, BoardSpec, MatrixSpec, ReviewSpec, SCENARIO_FORMAT,
    SCENARIO_VERSION, Scale, Scenario, StepKind, VoteSpec,
};
use super::text::Text;

/// The most values a scale may have: numbers from `min` to `max`, or levels.
pub const MAX_SCALE_LEVELS: usize = 21;

/// The largest distance from 0 of a numeric scale's ends.
pub const MAX_SCALE_VALUE: i32 = 100;

/// Whether a numeric scale `min..max` is one samenspel draws and computes with: ends within
/// ±[`MAX_SCALE_VALUE`], `min` below `max`, at most [`MAX_SCALE_LEVELS`] values. Computed in
/// i64: in i32, `max - min` of a hostile file wraps around.
pub fn scale_fits(min: i32, max: i32) -> bool {
    let bound = i64::from(MAX_SCALE_VALUE);
    let (lo, hi) = (i64::from(min), i64::from(max));
    (-bound..=bound).contains(&lo)
        && (-bound..=bound).contains(&hi)
        && lo < hi
        && hi - lo < MAX_SCALE_LEVELS as i64
}

/// Whether `id` is an id as files write them: 1 to 64 lowercase letters, digits, dashes.
pub fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Every problem in a scenario; empty when it is valid.
pub fn validate_scenario(s: &Scenario) -> Vec<Problem> {
    let mut v = Checker {
        problems: Vec::new(),
        parties: s.parties().iter().map(|p| p.id.clone()).collect(),
    };
    if s.format != SCENARIO_FORMAT {
        v.push(
            "format",
            format!("moet \"{SCENARIO_FORMAT}\" zijn, niet \"{}\"", s.format),
            format!("must be \"{SCENARIO_FORMAT}\", not \"{}\"", s.format),
        );
    }
    if s.version > SCENARIO_VERSION {
        v.push(
            "version",
            format!(
                "versie {} is gemaakt door een nieuwere samenspel; werk samenspel bij",
                s.version
            ),
            format!(
                "version {} was made by a newer samenspel; update samenspel",
                s.version
            ),
        );
    } else if s.version == 0 {
        v.push(
            "version",
            "versie moet 1 of hoger zijn",
            "version must be 1 or higher",
        );
    }
    v.id("id", &s.id);
    v.text("title", &s.title);
    v.text("description", &s.description);
    if let Some(name) = &s.step_name {
        v.text("step_name", name);
    }
    let mut party_ids = HashSet::new();
    for (i, p) in s.parties.iter().enumerate() {
        let path = format!("parties[{i}]");
        v.id(&format!("{path}.id"), &p.id);
        v.unique(&mut party_ids, &format!("{path}.id"), &p.id);
        v.text(&format!("{path}.name"), &p.name);
        if p.short.trim().is_empty() || p.short.chars().count() > 8 {
            v.push(
                format!("{path}.short"),
                "een korte naam van 1 tot 8 tekens is nodig",
                "a short label of 1 to 8 characters is needed",
            );
        }
    }
    if s.steps.is_empty() {
        v.push(
            "steps",
            "een scenario heeft minstens één stap nodig",
            "a scenario needs at least one step",
        );
    }
    let mut step_ids = HashSet::new();
    for (i, step) in s.steps.iter().enumerate() {
        let path = format!("steps[{i}]");
        v.id(&format!("{path}.id"), &step.id);
        v.unique(&mut step_ids, &format!("{path}.id"), &step.id);
        v.text(&format!("{path}.title"), &step.title);
        v.text(&format!("{path}.prompt"), &step.prompt);
        if let Some(notes) = &step.notes {
            v.text(&format!("{path}.notes"), notes);
        }
        if let Some(m) = step.minutes
            && !(1..=600).contains(&m)
        {
            v.push(
                format!("{path}.minutes"),
                format!("{m} minuten kan niet; kies 1 tot 600"),
                format!("{m} minutes is not possible; choose 1 to 600"),
            );
        }
        match &step.kind {
            StepKind::Board(b) => {
                v.board(&format!("{path}.board"), b);
                if let Some(from) = &b.cards_from {
                    v.earlier_board(&format!("{path}.board.cards_from"), from, s, i);
                }
            }
            StepKind::Matrix(m) => v.matrix(&format!("{path}.matrix"), m, s, i),
            StepKind::Vote(vote) => v.vote(&format!("{path}.vote"), vote, s, i),
            StepKind::Agreement(a) => {
                v.agreement(&format!("{path}.agreement"), a);
                v.offers(&format!("{path}.agreement.offers"), a, s, i);
            }
            StepKind::Review(r) => v.review(&format!("{path}.review"), r),
            StepKind::Grid(g) => v.grid(&format!("{path}.grid"), g, s, i),
            StepKind::Consent(c) => v.consent(&format!("{path}.consent"), c),
            StepKind::Poll(p) => v.poll(&format!("{path}.poll"), p),
        }
    }
    v.problems
}

/// Collects the problems of one scenario; the checks of each kind of step are its methods
/// (the newer kinds' in their own modules).
pub(crate) struct Checker {
    problems: Vec<Problem>,
    parties: HashSet<String>,
}

impl Checker {
    pub(crate) fn push(
        &mut self,
        path: impl Into<String>,
        nl: impl Into<String>,
        en: impl Into<String>,
    ) {
        self.problems.push(Problem::new(path, nl, en));
    }

    pub(crate) fn id(&mut self, path: &str, id: &str) {
        if !is_id(id) {
            self.push(
                path,
                format!("id \"{id}\" mag alleen kleine letters, cijfers en streepjes bevatten (1 tot 64 tekens)"),
                format!("id \"{id}\" may only hold lowercase letters, digits and dashes (1 to 64 characters)"),
            );
        }
    }

    pub(crate) fn unique(&mut self, seen: &mut HashSet<String>, path: &str, id: &str) {
        if !seen.insert(id.to_string()) {
            self.push(
                path,
                format!("id \"{id}\" komt twee keer voor; geef elk een eigen id"),
                format!("id \"{id}\" is used twice; give each its own id"),
            );
        }
    }

    pub(crate) fn text(&mut self, path: &str, text: &Text) {
        for (lang, value) in [("nl", &text.nl), ("en", &text.en)] {
            if value.trim().is_empty() {
                self.push(
                    format!("{path}.{lang}"),
                    format!("de vertaling \"{lang}\" ontbreekt of is leeg"),
                    format!("the \"{lang}\" translation is missing or empty"),
                );
            }
        }
    }

    pub(crate) fn party(&mut self, path: &str, party: Option<&str>) {
        if let Some(p) = party
            && !self.parties.contains(p)
        {
            self.push(
                path,
                format!("partij \"{p}\" bestaat niet in dit scenario"),
                format!("party \"{p}\" does not exist in this scenario"),
            );
        }
    }

    fn axes(&mut self, path: &str, axes: &[Axis]) {
        let mut seen = HashSet::new();
        for (i, a) in axes.iter().enumerate() {
            let p = format!("{path}[{i}]");
            self.id(&format!("{p}.id"), &a.id);
            self.unique(&mut seen, &format!("{p}.id"), &a.id);
            self.text(&format!("{p}.label"), &a.label);
            self.party(&format!("{p}.party"), a.party.as_deref());
        }
    }

    fn board(&mut self, path: &str, b: &BoardSpec) {
        if b.lanes.is_empty() {
            self.push(
                format!("{path}.lanes"),
                "een bord heeft minstens één kolom nodig",
                "a board needs at least one lane",
            );
        }
        let mut seen = HashSet::new();
        for (i, lane) in b.lanes.iter().enumerate() {
            let p = format!("{path}.lanes[{i}]");
            self.id(&format!("{p}.id"), &lane.id);
            self.unique(&mut seen, &format!("{p}.id"), &lane.id);
            self.text(&format!("{p}.title"), &lane.title);
            self.party(&format!("{p}.party"), lane.party.as_deref());
            for (j, card) in lane.cards.iter().enumerate() {
                self.text(&format!("{p}.cards[{j}].text"), &card.text);
                self.party(&format!("{p}.cards[{j}].party"), card.party.as_deref());
            }
        }
    }

    /// Checks that `target` names a board step before step `here`.
    pub(crate) fn earlier_board(&mut self, path: &str, target: &str, s: &Scenario, here: usize) {
        match s.step_index(target) {
            None => self.push(
                path,
                format!("er is geen stap \"{target}\""),
                format!("there is no step \"{target}\""),
            ),
            Some(i) if i >= here => self.push(
                path,
                format!("stap \"{target}\" komt niet eerder; verwijs naar een eerdere stap"),
                format!("step \"{target}\" does not come earlier; refer to an earlier step"),
            ),
            Some(i) if !matches!(s.steps[i].kind, StepKind::Board(_)) => self.push(
                path,
                format!("stap \"{target}\" is geen bord"),
                format!("step \"{target}\" is not a board"),
            ),
            Some(_) => {}
        }
    }

    fn matrix(&mut self, path: &str, m: &MatrixSpec, s: &Scenario, here: usize) {
        match (&m.rows_from, m.rows.is_empty()) {
            (Some(_), false) => self.push(
                path.to_string(),
                "geef \"rows\" of \"rows_from\", niet allebei",
                "give \"rows\" or \"rows_from\", not both",
            ),
            (None, true) => self.push(
                format!("{path}.rows"),
                "een matrix heeft rijen nodig: \"rows\" of \"rows_from\"",
                "a matrix needs rows: \"rows\" or \"rows_from\"",
            ),
            _ => {}
        }
        self.axes(&format!("{path}.rows"), &m.rows);
        if let Some(from) = &m.rows_from {
            self.earlier_board(&format!("{path}.rows_from"), from, s, here);
        }
        if m.columns.is_empty() {
            self.push(
                format!("{path}.columns"),
                "een matrix heeft minstens één kolom nodig",
                "a matrix needs at least one column",
            );
        }
        self.axes(&format!("{path}.columns"), &m.columns);
        let sp = format!("{path}.scale");
        match &m.scale {
            Scale::Numeric { min, max, labels } => {
                if !scale_fits(*min, *max) {
                    self.push(
                        sp.clone(),
                        format!("schaal {min}..{max} kan niet; min moet kleiner zijn dan max, beide tussen -{MAX_SCALE_VALUE} en {MAX_SCALE_VALUE}, met hoogstens {MAX_SCALE_LEVELS} waarden (bijvoorbeeld -2..2 of 1..5)"),
                        format!("scale {min}..{max} is not possible; min must be below max, both between -{MAX_SCALE_VALUE} and {MAX_SCALE_VALUE}, with at most {MAX_SCALE_LEVELS} values (e.g. -2..2 or 1..5)"),
                    );
                }
                for (i, l) in labels.iter().enumerate() {
                    if l.value < *min || l.value > *max {
                        self.push(
                            format!("{sp}.labels[{i}].value"),
                            format!("{} valt buiten de schaal {min}..{max}", l.value),
                            format!("{} is outside the scale {min}..{max}", l.value),
                        );
                    }
                    self.text(&format!("{sp}.labels[{i}].label"), &l.label);
                }
            }
            Scale::Levels { levels } => {
                if levels.len() < 2 || levels.len() > MAX_SCALE_LEVELS {
                    self.push(
                        format!("{sp}.levels"),
                        format!("een schaal met niveaus heeft er 2 tot {MAX_SCALE_LEVELS} nodig, niet {}", levels.len()),
                        format!("a scale of levels needs 2 to {MAX_SCALE_LEVELS} of them, not {}", levels.len()),
                    );
                }
                let mut seen = HashSet::new();
                for (i, l) in levels.iter().enumerate() {
                    self.id(&format!("{sp}.levels[{i}].id"), &l.id);
                    self.unique(&mut seen, &format!("{sp}.levels[{i}].id"), &l.id);
                    self.text(&format!("{sp}.levels[{i}].label"), &l.label);
                    if let Some(short) = &l.short {
                        self.text(&format!("{sp}.levels[{i}].short"), short);
                    }
                }
            }
        }
        if let Some(results) = &m.results {
            let rp = format!("{path}.results");
            match s.step_index(results) {
                _ if m.analysis != AnalysisKind::Phases => self.push(
                    rp,
                    "\"results\" hoort alleen bij \"analysis\": \"phases\"",
                    "\"results\" belongs only with \"analysis\": \"phases\"",
                ),
                Some(i) if i != here && matches!(s.steps[i].kind, StepKind::Matrix(_)) => {}
                _ => self.push(
                    rp,
                    format!("\"{results}\" is geen andere matrixstap"),
                    format!("\"{results}\" is not another matrix step"),
                ),
            }
        }
    }

    fn vote(&mut self, path: &str, vote: &VoteSpec, s: &Scenario, here: usize) {
        self.earlier_board(&format!("{path}.on"), &vote.on, s, here);
        if vote.dots == 0 || vote.dots > 100 {
            self.push(
                format!("{path}.dots"),
                "elke deelnemer heeft 1 tot 100 stippen",
                "each voter has 1 to 100 dots",
            );
        }
    }

    fn agreement(&mut self, path: &str, a: &AgreementSpec) {
        if let Some(st) = &a.statement {
            self.text(&format!("{path}.statement"), st);
        }
        let mut seen = HashSet::new();
        for (i, p) in a.principles.iter().enumerate() {
            let pp = format!("{path}.principles[{i}]");
            self.id(&format!("{pp}.id"), &p.id);
            if p.id == "statement" {
                self.push(
                    format!("{pp}.id"),
                    "\"statement\" is gereserveerd; kies een ander id",
                    "\"statement\" is reserved; choose another id",
                );
            }
            self.unique(&mut seen, &format!("{pp}.id"), &p.id);
            self.text(&format!("{pp}.text"), &p.text);
        }
        for (i, c) in a.commitments.iter().enumerate() {
            self.text(&format!("{path}.commitments[{i}].what"), &c.what);
        }
        let mut seen = HashSet::new();
        for (i, t) in a.tracks.iter().enumerate() {
            let tp = format!("{path}.tracks[{i}]");
            self.id(&format!("{tp}.id"), &t.id);
            self.unique(&mut seen, &format!("{tp}.id"), &t.id);
            self.text(&format!("{tp}.label"), &t.label);
        }
    }

    /// The board an agreement step offers cards from must come before it.
    fn offers(&mut self, path: &str, a: &AgreementSpec, s: &Scenario, index: usize) {
        let Some(id) = &a.offers else { return };
        let before = s
            .steps
            .iter()
            .take(index)
            .any(|step| &step.id == id && matches!(step.kind, StepKind::Board(_)));
        if !before {
            self.push(
                path.to_string(),
                format!("'{id}' is geen bordstap vóór deze stap"),
                format!("'{id}' is not a board step before this one"),
            );
        }
    }

    fn review(&mut self, path: &str, r: &ReviewSpec) {
        let mut seen = HashSet::new();
        for (i, item) in r.items.iter().enumerate() {
            let p = format!("{path}.items[{i}]");
            self.id(&format!("{p}.id"), &item.id);
            self.unique(&mut seen, &format!("{p}.id"), &item.id);
            if item.what.trim().is_empty() {
                self.push(
                    format!("{p}.what"),
                    "een afspraak heeft een tekst nodig",
                    "a commitment needs a text",
                );
            }
        }
        for (i, a) in r.agreements.iter().enumerate() {
            if a.text.trim().is_empty() {
                self.push(
                    format!("{path}.agreements[{i}].text"),
                    "een afspraak heeft een tekst nodig",
                    "an agreement needs a text",
                );
            }
        }
    }
}
