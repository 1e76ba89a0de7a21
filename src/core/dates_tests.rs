use super::*;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// The meeting: Tuesday 12 January 2027.
fn today() -> Date {
    d("2027-01-12")
}

#[test]
fn what_the_room_types_becomes_a_date() {
    let cases: &[(&str, &str)] = &[
        ("2027-02-01", "2027-02-01"),
        ("1-2", "2027-02-01"),
        ("1/2", "2027-02-01"),
        ("1.2", "2027-02-01"),
        ("01-02-2027", "2027-02-01"),
        ("1-2-28", "2028-02-01"),
        // A day already past this year is next year's.
        ("5-1", "2028-01-05"),
        ("12-1", "2027-01-12"),
        ("1 feb", "2027-02-01"),
        ("1 Feb", "2027-02-01"),
        ("1 februari", "2027-02-01"),
        ("1 february 2028", "2028-02-01"),
        ("feb 1", "2027-02-01"),
        ("February 1, 2027", "2027-02-01"),
        ("3 mrt", "2027-03-03"),
        ("3 maart", "2027-03-03"),
        ("3 mar", "2027-03-03"),
        ("15 okt", "2027-10-15"),
        ("15 oct", "2027-10-15"),
        ("1 mei", "2027-05-01"),
        ("1 may", "2027-05-01"),
        ("vandaag", "2027-01-12"),
        ("today", "2027-01-12"),
        ("morgen", "2027-01-13"),
        ("Tomorrow", "2027-01-13"),
        ("overmorgen", "2027-01-14"),
        ("volgende week", "2027-01-18"),
        ("next week", "2027-01-18"),
        ("over 2 weken", "2027-01-26"),
        ("in 2 weeks", "2027-01-26"),
        ("over twee weken", "2027-01-26"),
        ("in a week", "2027-01-19"),
        ("over een maand", "2027-02-12"),
        ("in 3 months", "2027-04-12"),
        ("over 10 dagen", "2027-01-22"),
        ("in 1 year", "2028-01-12"),
        ("vrijdag", "2027-01-15"),
        ("vr", "2027-01-15"),
        ("friday", "2027-01-15"),
        // Today is a Tuesday: "dinsdag" is a week on.
        ("dinsdag", "2027-01-19"),
        ("volgende maandag", "2027-01-18"),
        ("next Mon", "2027-01-18"),
        ("eind maart", "2027-03-31"),
        ("end of February", "2027-02-28"),
        ("eind feb 2028", "2028-02-29"),
        ("  1   feb  ", "2027-02-01"),
        ("29-2", "2028-02-29"),
    ];
    for (input, expected) in cases {
        assert_eq!(
            parse(input, today()),
            Ok(d(expected)),
            "{input:?} should be {expected}"
        );
    }
}

#[test]
fn what_is_no_date_says_so_in_both_languages() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "",
            "geen datum: typ bijvoorbeeld",
            "no date: type for example",
        ),
        ("   ", "geen datum", "no date"),
        (
            "31-2",
            "31 februari bestaat niet",
            "there is no 31 February",
        ),
        (
            "30 feb",
            "30 februari bestaat niet",
            "there is no 30 February",
        ),
        (
            "32 jan",
            "32 januari bestaat niet",
            "there is no 32 January",
        ),
        ("1-13", "er is geen maand 13", "there is no month 13"),
        (
            "2027-02-30",
            "30 februari bestaat niet",
            "there is no 30 February",
        ),
        ("0-1", "0 januari bestaat niet", "there is no 0 January"),
        (
            "vóór de zomer",
            "'vóór de zomer' is geen datum",
            "'vóór de zomer' is not a date",
        ),
        ("asap", "'asap' is geen datum", "'asap' is not a date"),
        ("over veel weken", "is geen datum", "is not a date"),
        ("over 2 eeuwen", "is geen datum", "is not a date"),
        ("in 9999 years", "meer dan 20 jaar", "more than 20 years"),
        ("over 300 maanden", "meer dan 20 jaar", "more than 20 years"),
        ("3000-01-01", "meer dan 20 jaar", "more than 20 years"),
        ("in 99999 days", "is geen datum", "is not a date"),
        ("1-2-3-4", "is geen datum", "is not a date"),
        ("volgende", "is geen datum", "is not a date"),
        ("\u{1b}[31m", "is geen datum", "is not a date"),
    ];
    for (input, nl, en) in cases {
        let error = parse(input, today()).expect_err(input);
        let (got_nl, got_en) = (error.message(Lang::Nl), error.message(Lang::En));
        assert!(got_nl.contains(nl), "{input:?}: {got_nl}");
        assert!(got_en.contains(en), "{input:?}: {got_en}");
        assert!(
            !got_nl.contains('\u{1b}'),
            "{input:?}: escape in {got_nl:?}"
        );
    }
}

#[test]
fn a_date_reads_with_its_weekday() {
    assert_eq!(format(d("2027-02-01"), Lang::Nl), "ma 1 feb 2027");
    assert_eq!(format(d("2027-02-01"), Lang::En), "Mon 1 Feb 2027");
    assert_eq!(format(d("2027-03-14"), Lang::Nl), "zo 14 mrt 2027");
    assert_eq!(format(d("2027-10-15"), Lang::En), "Fri 15 Oct 2027");
}

#[test]
fn lateness_reads_in_days_weeks_or_months() {
    assert_eq!(overdue_label(0, Lang::Nl), None);
    assert_eq!(overdue_label(-3, Lang::Nl), None);
    assert_eq!(
        overdue_label(1, Lang::Nl).as_deref(),
        Some("1 dag over tijd")
    );
    assert_eq!(
        overdue_label(3, Lang::En).as_deref(),
        Some("3 days overdue")
    );
    assert_eq!(
        overdue_label(21, Lang::Nl).as_deref(),
        Some("3 weken over tijd")
    );
    assert_eq!(
        overdue_label(7 * 8, Lang::En).as_deref(),
        Some("8 weeks overdue")
    );
    assert_eq!(
        overdue_label(120, Lang::Nl).as_deref(),
        Some("4 maanden over tijd")
    );
    assert_eq!(days_late(d("2027-01-01"), d("2027-01-22")), 21);
    assert_eq!(days_late(d("2027-02-01"), d("2027-01-22")), -10);
}

#[test]
fn a_date_as_a_title_names_its_month_in_full() {
    assert_eq!(title(d("2026-12-01"), Lang::Nl), "1 december 2026");
    assert_eq!(title(d("2026-12-01"), Lang::En), "1 December 2026");
    assert_eq!(title(d("2027-03-12"), Lang::Nl), "12 maart 2027");
    assert_eq!(title(d("2027-01-31"), Lang::En), "31 January 2027");
}
