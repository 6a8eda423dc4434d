//! Pixel snapshots of the timeline preview (rendered in software: Mesa lavapipe or llvmpipe) and
//! behavioural tests that drive it like a user. Baselines: `UPDATE_SNAPSHOTS=1 cargo test --test
//! preview_snapshots`, stored under `tests/snapshots/`.

use b24_activity_designer::layout::model::*;
use b24_activity_designer::layout_ptr;
use b24_activity_designer::project::preview::PreviewSettings;
use b24_activity_designer::ui::preview::{PreviewInput, PreviewOutput, PreviewState, preview_ui};
use chrono::DateTime;
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use indexmap::IndexMap;
use serde_json::json;

fn t(s: &str) -> Option<Text> {
    Some(Text::Plain(s.into()))
}

fn keyed<T>(items: Vec<(&str, T)>) -> Keyed<T> {
    Keyed { items: items.into_iter().map(|(k, v)| (k.to_string(), Item::Ok(v))).collect() }
}

fn block(kind: &str, props: BlockProps) -> Block {
    Block { kind: Some(kind.into()), props: Some(props), raw: Default::default() }
}

fn text(v: &str) -> Block {
    block("text", BlockProps::Text(TextBlock { value: t(v), ..Default::default() }))
}

fn redirect(uri: &str) -> Option<Action> {
    Some(Action { kind: Some("redirect".into()), uri: Some(uri.into()), ..Default::default() })
}

fn rest_event(id: &str) -> Option<Action> {
    let mut p = IndexMap::new();
    p.insert("clientId".to_string(), json!(456));
    Some(Action { kind: Some("restEvent".into()), id: Some(id.into()), action_params: Some(p), ..Default::default() })
}

fn link(label: &str, uri: &str, bold: bool) -> Block {
    block(
        "link",
        BlockProps::Link(LinkBlock { text: t(label), action: redirect(uri), bold: Some(bold), ..Default::default() }),
    )
}

fn with_title(title: &str, inner: Block, inline: bool) -> Block {
    block(
        "withTitle",
        BlockProps::WithTitle(WithTitleBlock {
            title: t(title),
            block: Some(Box::new(inner)),
            inline: Some(inline),
            ..Default::default()
        }),
    )
}

fn deadline() -> Block {
    block("deadline", BlockProps::Deadline(DeadlineBlock::default()))
}

const LOREM: &str = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.";

/// A card with every block type, two tags, two buttons and a menu with items.
fn every_block_layout() -> Layout {
    let line = block(
        "lineOfBlocks",
        BlockProps::LineOfBlocks(LineOfBlocksBlock {
            blocks: Some(keyed(vec![
                ("a", text("Some text")),
                ("b", link("link", "https://example.com/", false)),
                (
                    "c",
                    block(
                        "text",
                        BlockProps::Text(TextBlock { value: t("bold text"), bold: Some(true), ..Default::default() }),
                    ),
                ),
            ])),
            ..Default::default()
        }),
    );
    let small = block(
        "text",
        BlockProps::Text(TextBlock {
            value: t("Small grey note\nwithout multiline"),
            size: Some("sm".into()),
            color: Some("base_60".into()),
            ..Default::default()
        }),
    );
    let blocks = keyed(vec![
        ("deadline", with_title("Deadline", deadline(), true)),
        ("client", with_title("Customer", text("LLC Open Doors"), true)),
        ("manager", with_title("Manager", link("John Smith", "/company/personal/user/1/", true), true)),
        ("info", with_title("Additional information:", text("The meeting will start at 12:00."), false)),
        ("line", line),
        ("deal", link("Open deal", "/crm/deal/details/1/", false)),
        ("note", small),
        ("large", block("largeText", BlockProps::LargeText(LargeTextBlock { value: t(LOREM), ..Default::default() }))),
    ]);
    let tags = keyed(vec![
        ("s", Tag { title: t("Paid"), kind: Some("success".into()), ..Default::default() }),
        (
            "w",
            Tag { title: t("Waiting"), kind: Some("warning".into()), action: rest_event("tag"), ..Default::default() },
        ),
    ]);
    let buttons = keyed(vec![
        (
            "call",
            Button { title: t("Call"), kind: Some("primary".into()), action: rest_event("call"), ..Default::default() },
        ),
        (
            "more",
            Button {
                title: t("Details"),
                kind: Some("secondary".into()),
                action: redirect("/crm/deal/details/1/"),
                ..Default::default()
            },
        ),
    ]);
    let items = keyed(vec![
        ("edit", MenuItem { title: t("Edit in app"), action: rest_event("edit"), ..Default::default() }),
        ("open", MenuItem { title: t("Open site"), action: redirect("https://example.com/"), ..Default::default() }),
    ]);
    Layout {
        icon: Some(Icon { code: Some("info".into()), raw: Default::default() }),
        header: Some(Header { title: t("Message"), tags: Some(tags), ..Default::default() }),
        body: Some(Body {
            logo: Some(Logo { code: Some("comment".into()), ..Default::default() }),
            blocks: Some(blocks),
            raw: Default::default(),
        }),
        footer: Some(Footer {
            buttons: Some(buttons),
            menu: Some(Menu { items: Some(items), ..Default::default() }),
            ..Default::default()
        }),
        ..Default::default()
    }
}

struct App {
    layout: Layout,
    fields: Fields,
    settings: PreviewSettings,
    selection: Option<String>,
    errors: Vec<String>,
    state: PreviewState,
    last: PreviewOutput,
}

impl App {
    fn new(layout: Layout) -> Self {
        let mut state = PreviewState::default();
        state.now = Some(DateTime::parse_from_rfc3339("2023-09-28T10:00:00+03:00").unwrap());
        App {
            layout,
            fields: Fields { deadline: Some("2023-10-01T12:00:00+03:00".into()), ..Default::default() },
            settings: PreviewSettings::default(),
            selection: None,
            errors: vec![],
            state,
            last: PreviewOutput::default(),
        }
    }
}

fn harness(app: App, height: f32) -> Harness<'static, App> {
    let mut h = Harness::builder().with_size(vec2(780.0, height)).build_ui_state(
        |ui, app: &mut App| {
            let view = PreviewInput {
                layout: &app.layout,
                fields: &app.fields,
                settings: &app.settings,
                selection: app.selection.as_deref(),
                error_paths: &app.errors,
            };
            let out = preview_ui(ui, &view, &mut app.state);
            if out.select.is_some() {
                app.selection = out.select.clone();
                app.last = out;
            }
        },
        app,
    );
    h.set_render_cursor(false);
    h.run();
    h
}

#[test]
fn snapshot_every_block_light_and_dark() {
    let mut h = harness(App::new(every_block_layout()), 560.0);
    h.snapshot("card_every_block_light");
    h.state_mut().settings.dark = true;
    h.run();
    h.snapshot("card_every_block_dark");
}

#[test]
fn snapshot_open_menu() {
    let mut app = App::new(every_block_layout());
    app.errors = vec![layout_ptr!("/header/tags/w/type").into()];
    let mut h = harness(app, 720.0);
    h.get_by_label("Menu").click();
    h.run();
    h.snapshot("card_menu_open");
}

#[test]
fn snapshot_large_text_collapsed_and_expanded() {
    let mut l = every_block_layout();
    let blocks = keyed(vec![(
        "large",
        block("largeText", BlockProps::LargeText(LargeTextBlock { value: t(LOREM), ..Default::default() })),
    )]);
    l.body.as_mut().unwrap().blocks = Some(blocks);
    l.footer = None;
    let mut h = harness(App::new(l), 330.0);
    h.snapshot("large_text_collapsed");
    h.get_by_label("Expand").click();
    h.run();
    assert!(h.state().state.expanded.contains(layout_ptr!("/body/blocks/large")));
    h.snapshot("large_text_expanded");
    h.get_by_label("Collapse").click();
    h.run();
    assert!(h.state().state.expanded.is_empty());
}

#[test]
fn clicking_a_link_selects_it_and_explains_the_redirect() {
    let mut h = harness(App::new(every_block_layout()), 560.0);
    h.get_by_label("Open deal").click();
    h.run();
    assert_eq!(h.state().selection.as_deref(), Some(layout_ptr!("/body/blocks/deal")));
    let info = h.state().state.action_info.clone().expect("action popup open");
    assert_eq!(info.target.as_deref(), Some("https://<portal>/crm/deal/details/1/"));
    assert!(info.headline.contains("slider"));
    h.get_by_label_contains("https://<portal>/crm/deal/details/1/");
    h.snapshot("action_info_redirect");
    // Closing the popup, then a nested child wins over its parent block.
    h.state_mut().state.action_info = None;
    h.run();
    h.get_by_label("link").click();
    h.run();
    assert_eq!(h.state().selection.as_deref(), Some(layout_ptr!("/body/blocks/line/properties/blocks/b")));
}

#[test]
fn deadline_block_disappears_when_incoming() {
    let mut h = harness(App::new(every_block_layout()), 560.0);
    assert!(h.query_by_label("Deadline Sun, Oct 1, 12:00").is_some());
    h.state_mut().settings.incoming = Some(true);
    h.run();
    assert!(h.query_by_label("Deadline Sun, Oct 1, 12:00").is_none());
    // Shown ghosted (still in the tree) when hidden elements are shown.
    h.state_mut().settings.show_hidden = true;
    h.run();
    assert!(h.query_by_label("Deadline Sun, Oct 1, 12:00").is_some());
}

#[test]
fn menu_shows_pin_only_when_completed() {
    let mut h = harness(App::new(every_block_layout()), 720.0);
    h.get_by_label("Menu").click();
    h.run();
    assert!(h.query_by_label("Menu item Edit in app").is_some());
    assert!(h.query_by_label("Menu item Postpone").is_some());
    assert!(h.query_by_label("Menu item Pin").is_none());
    h.state_mut().settings.completed = Some(true);
    h.run();
    assert!(h.query_by_label("Menu item Pin").is_some());
    assert!(h.query_by_label("Menu item Postpone").is_none());
    assert!(h.query_by_label("Menu item About application").is_some());
}

#[test]
fn clicking_a_rest_event_button_shows_the_payload() {
    let mut l = every_block_layout();
    if let Some(Item::Ok(b)) = l.footer.as_mut().unwrap().buttons.as_mut().unwrap().items.get_mut("call") {
        b.action.as_mut().unwrap().animation_type = Some("disable".into());
    }
    let mut h = harness(App::new(l), 560.0);
    h.get_by_label("Button Call").click();
    h.run();
    let lock = h.state().state.lock.clone().expect("disable lock");
    assert!(!lock.whole_card && lock.pointer == layout_ptr!("/footer/buttons/call"));
    assert_eq!(h.state().selection.as_deref(), Some(layout_ptr!("/footer/buttons/call")));
    let payload = h.state().state.action_info.clone().and_then(|i| i.payload).expect("payload shown");
    let v: serde_json::Value = serde_json::from_str(&payload).unwrap();
    assert_eq!(v["event"], "ONCRMTIMELINEITEMACTION");
    assert_eq!(v["data"]["id"], "call");
    assert_eq!(v["data"]["actionParams"]["clientId"], "456");
}

#[test]
fn toolbar_changes_settings_through_labelled_widgets() {
    struct T {
        s: PreviewSettings,
        changed: bool,
    }
    let mut h = Harness::builder().with_size(vec2(900.0, 120.0)).build_ui_state(
        |ui, t: &mut T| {
            t.changed |= b24_activity_designer::ui::preview::toolbar_ui(ui, &mut t.s, &["en".into(), "de".into()]);
        },
        T { s: PreviewSettings::default(), changed: false },
    );
    h.run();
    assert!(!h.state().changed);
    h.get_by_label("Dark").click();
    h.get_by_label("Mobile").click();
    h.run();
    assert!(h.state().changed && h.state().s.dark);
    assert_eq!(h.state().s.scope, b24_activity_designer::project::preview::PreviewScope::Mobile);
}

/// Unknown codes, broken blocks, a completed activity and hidden elements shown ghosted.
fn edge_layout() -> Layout {
    let mut l = every_block_layout();
    l.icon = Some(Icon { code: Some("my-custom-icon".into()), raw: Default::default() });
    let body = l.body.as_mut().unwrap();
    body.logo = Some(Logo { code: Some("my-logo".into()), ..Default::default() });
    let mobile_only = block(
        "text",
        BlockProps::Text(TextBlock {
            value: t("Only in the mobile app"),
            scope: Some("mobile".into()),
            ..Default::default()
        }),
    );
    let mut blocks = keyed(vec![
        ("mobile", mobile_only),
        ("when", deadline()),
        (
            "odd",
            Block {
                kind: Some("chart".into()),
                props: Some(BlockProps::Unknown(Default::default())),
                raw: Default::default(),
            },
        ),
    ]);
    blocks.items.insert("raw".into(), Item::Raw(json!(5)));
    body.blocks = Some(blocks);
    let footer = l.footer.as_mut().unwrap();
    let buttons = footer.buttons.as_mut().unwrap();
    if let Some(Item::Ok(b)) = buttons.items.get_mut("call") {
        b.hide_if_readonly = Some(true);
    }
    footer.show_note = Some(false);
    let menu = footer.menu.as_mut().unwrap();
    let items = menu.items.as_mut().unwrap();
    items.items.insert(
        "ai".into(),
        Item::Ok(MenuItem {
            title: t("Summarise"),
            subtitle: t("With CoPilot"),
            design: Some("copilot".into()),
            is_selected: Some(true),
            is_locked: Some(true),
            badge_text: Some(BadgeText { title: t("new"), color: Some("#2fc6f6".into()), raw: Default::default() }),
            action: rest_event("ai"),
            ..Default::default()
        }),
    );
    l
}

#[test]
fn snapshot_edge_cases_completed_with_hidden_shown() {
    let mut app = App::new(edge_layout());
    app.settings.completed = Some(true);
    app.settings.readonly_user = true;
    app.settings.show_hidden = true;
    let mut h = harness(app, 600.0);
    assert!(h.query_by_label("Logo my-logo").is_some());
    assert!(h.query_by_label("Unknown block type \"chart\"").is_some());
    assert!(h.query_by_label("Only in the mobile app").is_some());
    h.get_by_label("Menu").click();
    h.run();
    assert!(h.query_by_label("Menu item Summarise").is_some());
    h.snapshot("card_edge_cases");
    // Without "show hidden" the mobile-only text, the read-only button and the note are gone.
    h.state_mut().settings.show_hidden = false;
    h.run();
    assert!(h.query_by_label("Only in the mobile app").is_none());
    assert!(h.query_by_label("Button Call").is_none());
    assert!(h.query_by_label("Note").is_none());
    assert!(h.query_by_label("Button Details").is_some());
}

#[test]
fn parsed_json_layout_renders_in_the_viewer_language_with_fallback() {
    let v = json!({
        "icon": {"code": "call"},
        "header": {"title": {"en": "Incoming call", "de": "Eingehender Anruf"}},
        "body": {
            "logo": {"code": "call-incoming"},
            "blocks": {
                "who": {"type": "text", "properties": {"value": {"ru": "Клиент", "en": "Client"}}},
                "when": {"type": "deadline"}
            }
        }
    });
    let mut app = App::new(Layout::from_value(&v));
    app.settings.language = "de".into();
    let mut h = harness(app, 300.0);
    assert!(h.query_by_label("Eingehender Anruf").is_some());
    // No German text: falls back to English.
    assert!(h.query_by_label("Client").is_some());
    // A deadline block without properties still draws, dated in the viewer's language.
    assert!(h.query_by_label("Deadline So., 1. Okt., 12:00").is_some());
    h.state_mut().settings.language = "fr".into();
    h.run();
    assert!(h.query_by_label("Incoming call").is_some());
}

#[test]
fn snapshot_narrow_card_wraps() {
    let mut app = App::new(every_block_layout());
    app.settings.card_width = 420.0;
    app.layout.header.as_mut().unwrap().title = t("Examples of various actions with a very long title");
    let mut h = harness(app, 700.0);
    h.snapshot("card_narrow");
}
