//! The activity `fields` (§8, V17, V18) and the payload-level rules.

use super::helpers::*;

// ---------- fields (§8, V17, V18) ----------

#[test]
fn fields_clean_and_not_an_object() {
    clean(&fields(json!({
        "typeId": "CONFIGURABLE", "completed": "N", "deadline": "2025-02-01T12:00:00+03:00",
        "pingOffsets": [0, 15, "30"], "isIncomingChannel": false, "responsibleId": 1,
        "badgeCode": "", "originatorId": "crm", "originId": "42", "somethingElse": {"x": 1}
    })));
    clean(&fields(json!({})));
    err(&fields(json!("x")), "WRONG_FIELD_VALUE", "/fields");
}

#[test]
fn fields_boolean_tokens() {
    for ok in [
        json!(true),
        json!(false),
        json!(1),
        json!(0),
        json!("1"),
        json!("0"),
        json!("Y"),
        json!("N"),
        json!("y"),
        json!("n"),
        json!("true"),
        json!("false"),
    ] {
        clean(&fields(json!({"completed": ok.clone(), "isIncomingChannel": ok})));
    }
    for bad in [json!("yes"), json!(2), json!("TRUE"), json!([]), json!(1.5)] {
        err(&fields(json!({"completed": bad})), "WRONG_FIELD_VALUE", "/fields/completed");
    }
    // The portal tests the key with `isset`: null counts as absent.
    clean(&fields(json!({"completed": null, "isIncomingChannel": null})));
}

#[test]
fn negative_ping_offset() {
    let d = fields(json!({"pingOffsets": [15, -5]}));
    err(&d, "WRONG_FIELD_VALUE", "/fields/pingOffsets/1");
    assert_eq!(d.len(), 1);
    // The portal checks `(int)$value < 0`: "abc" is 0 and "-5" is -5.
    let d = fields(json!({"pingOffsets": [0, "abc", 1.5]}));
    assert!(!d.iter().any(|x| x.is_error()), "{d:#?}");
    warn(&d, "DESIGNER_COERCED_VALUE", "/fields/pingOffsets/1");
    warn(&d, "DESIGNER_COERCED_VALUE", "/fields/pingOffsets/2");
    err(&fields(json!({"pingOffsets": [0, "-5"]})), "WRONG_FIELD_VALUE", "/fields/pingOffsets/1");
    err(&fields(json!({"pingOffsets": [{}]})), "WRONG_FIELD_VALUE", "/fields/pingOffsets/0");
    err(&fields(json!({"pingOffsets": [null]})), "WRONG_FIELD_VALUE", "/fields/pingOffsets/0");
    clean(&fields(json!({"pingOffsets": null})));
    err(&fields(json!({"pingOffsets": 15})), "WRONG_FIELD_VALUE", "/fields/pingOffsets");
    clean(&fields(json!({"pingOffsets": []})));
}

#[test]
fn responsible_id() {
    clean(&fields(json!({"responsibleId": 7})));
    clean(&fields(json!({"responsibleId": "7"})));
    for bad in [json!(0), json!(-1), json!("abc"), json!(0.5), json!(false), json!([1])] {
        err(&fields(json!({"responsibleId": bad})), "WRONG_FIELD_VALUE", "/fields/responsibleId");
    }
    // `(int)` of these is positive: accepted, with a warning; null is absent.
    for coerced in [json!(1.5), json!("7abc"), json!(true)] {
        let d = fields(json!({"responsibleId": coerced}));
        warn(&d, "DESIGNER_COERCED_VALUE", "/fields/responsibleId");
        assert!(!d.iter().any(|x| x.is_error()), "{d:#?}");
    }
    clean(&fields(json!({"responsibleId": null})));
}

#[test]
fn type_id_and_badge_code() {
    err(&fields(json!({"typeId": ""})), "WRONG_FIELD_VALUE", "/fields/typeId");
    err(&fields(json!({"typeId": 5})), "WRONG_FIELD_VALUE", "/fields/typeId");
    let d = fields(json!({"typeId": "MY_TYPE", "badgeCode": "missed"}));
    warn(&d, "DESIGNER_UNVERIFIED_CODE", "/fields/typeId");
    warn(&d, "DESIGNER_UNVERIFIED_CODE", "/fields/badgeCode");
    no_errors(&d);
    let cat = with_catalog(|c| {
        c.type_ids = set_of(&["MY_TYPE"]);
        c.badges = set_of(&["missed"]);
    });
    clean(&validate_fields(&json!({"typeId": "MY_TYPE", "badgeCode": "missed"}), &cat));
    let d = validate_fields(&json!({"typeId": "OTHER", "badgeCode": "other"}), &cat);
    err(&d, "WRONG_FIELD_VALUE", "/fields/typeId");
    err(&d, "WRONG_FIELD_VALUE", "/fields/badgeCode");
}

#[test]
fn deadline_format() {
    clean(&fields(json!({"deadline": ""})));
    err(&fields(json!({"deadline": "tomorrow"})), "WRONG_FIELD_VALUE", "/fields/deadline");
    err(&fields(json!({"deadline": "2025-02-30T12:00:00+03:00"})), "WRONG_FIELD_VALUE", "/fields/deadline");
    err(&fields(json!({"deadline": 1700000000})), "WRONG_FIELD_VALUE", "/fields/deadline");
    let d = fields(json!({"deadline": "2025-02-01T09:00:00.000Z"}));
    warn(&d, "DESIGNER_DEADLINE_FORMAT", "/fields/deadline");
    no_errors(&d);
}

#[test]
fn incoming_with_deadline() {
    let d = fields(json!({"isIncomingChannel": "Y", "deadline": "2025-02-01T12:00:00+03:00"}));
    err(&d, "INCOMING_ACTIVITY_CAN_NOT_BE_WITH_DEADLINE", "/fields/isIncomingChannel");
    assert_eq!(d.len(), 1);
    clean(&fields(json!({"isIncomingChannel": true})));
    clean(&fields(json!({"isIncomingChannel": "N", "deadline": "2025-02-01T12:00:00+03:00"})));
    clean(&fields(json!({"isIncomingChannel": 1, "deadline": ""})));
}

#[test]
fn payload_deadline_block_hidden() {
    let l = full(); // has deadline blocks /body/blocks/dl and /body/blocks/line/properties/blocks/c
    let d = validate_payload(Some(&l), Some(&json!({})), &opts());
    warn(&d, "DESIGNER_DEADLINE_HIDDEN", "/body/blocks/dl");
    warn(&d, "DESIGNER_DEADLINE_HIDDEN", "/body/blocks/line/properties/blocks/c");
    let with_deadline = json!({"deadline": "2025-02-01T12:00:00+03:00"});
    absent(&validate_payload(Some(&l), Some(&with_deadline), &opts()), "DESIGNER_DEADLINE_HIDDEN");
    let incoming = json!({"isIncomingChannel": true});
    warn(&validate_payload(Some(&l), Some(&incoming), &opts()), "DESIGNER_DEADLINE_HIDDEN", "/body/blocks/dl");
    // A bare layout (no fields) does not guess.
    absent(&validate_payload(Some(&l), None, &opts()), "DESIGNER_DEADLINE_HIDDEN");
    // Field findings keep their /fields prefix inside a payload.
    err(
        &validate_payload(Some(&base()), Some(&json!({"responsibleId": 0})), &opts()),
        "WRONG_FIELD_VALUE",
        "/fields/responsibleId",
    );
}
