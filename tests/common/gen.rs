//! Proptest generators of VALID layouts and activity fields (layout.md, within every limit):
//! ≤ 20 body blocks (withTitle / lineOfBlocks with text, link and deadline children), ≤ 2 tags,
//! ≤ 2 buttons, ≤ 10 menu items, sections with matching `sectionCode`s, keys `[A-Za-z0-9_-]+`,
//! enums from `layout::enums`, system icon and logo codes, translations in en/de/ru, all three
//! action types with only their own fields, `labelColor` `#RRGGBB`, non-empty strings.

use b24_activity_designer::layout::enums::*;
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use serde_json::{Map, Value, json};

/// Builds an object from `(key, value)` pairs in order, leaving out the `None`s.
pub fn obj(pairs: Vec<(&str, Option<Value>)>) -> Value {
    Value::Object(pairs.into_iter().filter_map(|(k, v)| v.map(|v| (k.to_owned(), v))).collect())
}

pub fn key() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_-]{1,10}"
}

/// Non-empty, not blank, sometimes non-ASCII.
pub fn word() -> impl Strategy<Value = String> {
    "[A-Za-z0-9Яж][A-Za-z0-9 ,.!?яжü-]{0,20}"
}

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = Value> {
    select(list).prop_map(|s| Value::String(s.to_owned()))
}

fn opt_bool() -> impl Strategy<Value = Option<Value>> {
    of(any::<bool>().prop_map(Value::Bool))
}

fn opt_scope() -> impl Strategy<Value = Option<Value>> {
    of(pick(SCOPES))
}

/// textWithTranslation: a string or a non-empty `{en|de|ru: text}` map.
pub fn text() -> impl Strategy<Value = Value> {
    prop_oneof![
        word().prop_map(Value::String),
        (subsequence(vec!["en", "de", "ru"], 1..=3), vec(word(), 3)).prop_map(|(langs, words)| {
            Value::Object(langs.into_iter().zip(words).map(|(l, w)| (l.to_owned(), Value::String(w))).collect())
        }),
    ]
}

/// Unique keys (duplicates from the generator are dropped; at least one stays).
fn keyed<S: Strategy<Value = Value>>(item: S, max: usize) -> impl Strategy<Value = Value> {
    vec((key(), item), 1..=max).prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>()))
}

fn action_params() -> impl Strategy<Value = Value> {
    let scalar = prop_oneof![word().prop_map(Value::String), (0i64..100_000).prop_map(Value::from)];
    keyed(scalar, 5)
}

fn slider_params() -> impl Strategy<Value = Value> {
    let size = prop_oneof![(300i64..1200).prop_map(|w| ("width", w)), (0i64..400).prop_map(|l| ("leftBoundary", l))];
    (of(size), of(word()), of(word()), of(pick(SLIDER_LABEL_BG_COLORS)), of("#[0-9a-fA-F]{6}")).prop_map(
        |(size, title, label, bg, color)| {
            let mut m = Map::new();
            if let Some((k, n)) = size {
                m.insert(k.to_owned(), Value::from(n));
            }
            let more = obj(vec![
                ("title", title.map(Value::String)),
                ("labelText", label.map(Value::String)),
                ("labelBgColor", bg),
                ("labelColor", color.map(Value::String)),
            ]);
            m.extend(more.as_object().cloned().unwrap_or_default());
            Value::Object(m)
        },
    )
}

/// One of the three action types, with only the fields of that type.
pub fn action() -> impl Strategy<Value = Value> {
    let uri = prop_oneof!["/crm/deal/details/[1-9][0-9]{0,4}/", "https://example\\.com/[a-z]{1,8}"];
    prop_oneof![
        uri.prop_map(|u| json!({"type": "redirect", "uri": u})),
        ("[a-z][a-zA-Z0-9_]{0,15}", of(action_params()), of(pick(ANIMATION_TYPES))).prop_map(|(id, p, a)| obj(vec![
            ("type", Some(json!("restEvent"))),
            ("id", Some(Value::String(id))),
            ("actionParams", p),
            ("animationType", a),
        ])),
        (of(action_params()), of(slider_params())).prop_map(|(p, s)| obj(vec![
            ("type", Some(json!("openRestApp"))),
            ("actionParams", p),
            ("sliderParams", s),
        ])),
    ]
}

fn block(kind: &str, props: Value) -> Value {
    json!({"type": kind, "properties": props})
}

fn text_block() -> impl Strategy<Value = Value> {
    (text(), opt_bool(), of(text()), opt_bool(), of(pick(TEXT_SIZES)), of(pick(TEXT_COLORS)), opt_scope()).prop_map(
        |(value, multiline, title, bold, size, color, scope)| {
            block(
                "text",
                obj(vec![
                    ("value", Some(value)),
                    ("multiline", multiline),
                    ("title", title),
                    ("bold", bold),
                    ("size", size),
                    ("color", color),
                    ("scope", scope),
                ]),
            )
        },
    )
}

fn large_text_block() -> impl Strategy<Value = Value> {
    (text(), opt_scope())
        .prop_map(|(value, scope)| block("largeText", obj(vec![("value", Some(value)), ("scope", scope)])))
}

fn link_block() -> impl Strategy<Value = Value> {
    (text(), action(), opt_bool(), opt_scope()).prop_map(|(t, a, bold, scope)| {
        block("link", obj(vec![("text", Some(t)), ("action", Some(a)), ("bold", bold), ("scope", scope)]))
    })
}

fn deadline_block() -> impl Strategy<Value = Value> {
    (opt_bool(), opt_scope())
        .prop_map(|(readonly, scope)| block("deadline", obj(vec![("readonly", readonly), ("scope", scope)])))
}

/// Blocks allowed inside withTitle / lineOfBlocks.
pub fn nested_block() -> BoxedStrategy<Value> {
    prop_oneof![text_block(), link_block(), deadline_block()].boxed()
}

/// Any of the six block types (containers hold only nestable children).
pub fn body_block() -> BoxedStrategy<Value> {
    let with_title = (text(), nested_block(), opt_bool(), opt_scope()).prop_map(|(title, b, inline, scope)| {
        block("withTitle", obj(vec![("title", Some(title)), ("block", Some(b)), ("inline", inline), ("scope", scope)]))
    });
    let line = (keyed(nested_block(), 4), opt_scope())
        .prop_map(|(blocks, scope)| block("lineOfBlocks", obj(vec![("blocks", Some(blocks)), ("scope", scope)])));
    prop_oneof![text_block(), large_text_block(), link_block(), with_title, line, deadline_block()].boxed()
}

fn tag() -> impl Strategy<Value = Value> {
    (text(), pick(TAG_TYPES), of(action()))
        .prop_map(|(title, t, a)| obj(vec![("title", Some(title)), ("type", Some(t)), ("action", a)]))
}

fn button() -> impl Strategy<Value = Value> {
    (text(), pick(BUTTON_TYPES), action(), opt_scope(), opt_bool()).prop_map(|(title, t, a, scope, hide)| {
        obj(vec![
            ("title", Some(title)),
            ("type", Some(t)),
            ("action", Some(a)),
            ("scope", scope),
            ("hideIfReadonly", hide),
        ])
    })
}

fn menu_item() -> impl Strategy<Value = Value> {
    let badge = (text(), of("#[0-9a-f]{6}"))
        .prop_map(|(title, color)| obj(vec![("title", Some(title)), ("color", color.map(Value::String))]));
    (
        (text(), action(), opt_scope(), opt_bool()),
        (of(text()), of(pick(MENU_ITEM_DESIGNS)), opt_bool(), opt_bool(), of(badge)),
    )
        .prop_map(|((title, a, scope, hide), (subtitle, design, selected, locked, badge))| {
            obj(vec![
                ("title", Some(title)),
                ("action", Some(a)),
                ("scope", scope),
                ("hideIfReadonly", hide),
                ("subtitle", subtitle),
                ("design", design),
                ("isSelected", selected),
                ("isLocked", locked),
                ("badgeText", badge),
            ])
        })
}

fn section() -> impl Strategy<Value = Value> {
    ("sec[a-z0-9_]{0,6}", of(text()), of(pick(MENU_SECTION_DESIGNS))).prop_map(|(code, title, design)| {
        obj(vec![("code", Some(Value::String(code))), ("title", title), ("design", design)])
    })
}

/// A menu; when it has sections their codes are unique and every item names one of them.
fn menu() -> impl Strategy<Value = Value> {
    (opt_bool(), opt_bool(), opt_bool(), of(keyed(menu_item(), 10)), of(vec(section(), 1..=3))).prop_map(
        |(pin, postpone, delete, mut items, sections)| {
            let sections = sections.map(|list| {
                let mut seen = Vec::new();
                list.into_iter()
                    .filter(|s| {
                        let code = s["code"].clone();
                        let fresh = !seen.contains(&code);
                        seen.push(code);
                        fresh
                    })
                    .collect::<Vec<_>>()
            });
            if let (Some(secs), Some(Value::Object(items))) = (&sections, &mut items) {
                for (i, item) in items.values_mut().enumerate() {
                    let code = secs[i % secs.len()]["code"].clone();
                    if let Some(m) = item.as_object_mut() {
                        m.insert("sectionCode".into(), code);
                    }
                }
            }
            obj(vec![
                ("showPinItem", pin),
                ("showPostponeItem", postpone),
                ("showDeleteItem", delete),
                ("items", items),
                ("sections", sections.map(Value::Array)),
            ])
        },
    )
}

fn footer() -> impl Strategy<Value = Value> {
    (of(keyed(button(), 2)), of(menu()), opt_bool())
        .prop_map(|(buttons, menu, note)| obj(vec![("buttons", buttons), ("menu", menu), ("showNote", note)]))
}

/// A complete valid layout (documented key order; see `shuffle_keys` for other orders).
pub fn valid_layout() -> impl Strategy<Value = Value> {
    let header = (text(), of(action()), of(keyed(tag(), 2)))
        .prop_map(|(title, ta, tags)| obj(vec![("title", Some(title)), ("titleAction", ta), ("tags", tags)]));
    let body = (pick(LOGO_CODES), of(action()), keyed(body_block(), 20)).prop_map(
        |(code, la, blocks)| json!({"logo": obj(vec![("code", Some(code)), ("action", la)]), "blocks": blocks}),
    );
    (pick(ICON_CODES), header, body, of(footer())).prop_map(|(icon, header, body, footer)| {
        obj(vec![
            ("icon", Some(json!({ "code": icon }))),
            ("header", Some(header)),
            ("body", Some(body)),
            ("footer", footer),
        ])
    })
}

fn token(truthy: bool) -> impl Strategy<Value = Value> {
    let list = if truthy {
        vec![json!(true), json!(1), json!("1"), json!("Y"), json!("y"), json!("true")]
    } else {
        vec![json!(false), json!(0), json!("0"), json!("N"), json!("n"), json!("false")]
    };
    select(list)
}

/// Valid activity `fields` (an incoming activity never gets a deadline).
pub fn valid_fields() -> impl Strategy<Value = Value> {
    let deadline =
        (2024i32..2030, 1u32..=12, 1u32..=28, 0u32..24, 0u32..60, -12i32..=14).prop_map(|(y, mo, d, h, mi, off)| {
            let sign = if off < 0 { '-' } else { '+' };
            format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:00{sign}{:02}:00", off.abs())
        });
    let incoming_or_deadline = prop_oneof![
        token(true).prop_map(|t| (Some(t), None)),
        (of(token(false)), of(deadline)).prop_map(|(t, d)| (t, d.map(Value::String))),
    ];
    (
        of(Just(json!(DEFAULT_TYPE_ID))),
        of(prop_oneof![token(true), token(false)]),
        incoming_or_deadline,
        of(vec(0i64..10_000, 0..4)),
        of(1i64..100_000),
        of(word()),
        of(word()),
    )
        .prop_map(|(type_id, completed, (incoming, deadline), pings, resp, originator, origin)| {
            obj(vec![
                ("typeId", type_id),
                ("completed", completed),
                ("deadline", deadline),
                ("pingOffsets", pings.map(|p| json!(p))),
                ("isIncomingChannel", incoming),
                ("responsibleId", resp.map(Value::from)),
                ("originatorId", originator.map(Value::String)),
                ("originId", origin.map(Value::String)),
            ])
        })
}

/// Reorders the keys of every object by a permutation derived from `seed` (arrays keep their
/// order: it is meaningful).
pub fn shuffle_keys(v: &Value, seed: u64) -> Value {
    match v {
        Value::Object(m) => {
            let mut entries: Vec<(&String, &Value)> = m.iter().collect();
            let mut s = seed | 1;
            for i in (1..entries.len()).rev() {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                entries.swap(i, (s % (i as u64 + 1)) as usize);
            }
            Value::Object(entries.into_iter().map(|(k, v)| (k.clone(), shuffle_keys(v, s))).collect())
        }
        Value::Array(a) => Value::Array(a.iter().map(|x| shuffle_keys(x, seed.rotate_left(7))).collect()),
        other => other.clone(),
    }
}
