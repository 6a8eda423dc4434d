//! The one command list: menus, the toolbar, keyboard shortcuts and the command palette are
//! all built from `COMMANDS`, so a shortcut shown in a menu is the one that works.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CommandId {
    New,
    Open,
    OpenInApp,
    Save,
    SaveAs,
    Quit,
    Undo,
    Redo,
    Duplicate,
    Copy,
    Cut,
    Paste,
    Delete,
    Rename,
    MoveUp,
    MoveDown,
    Palette,
    ToggleTheme,
    ToggleStrict,
    ShowJson,
    ShowDiagnostics,
    ShowSend,
}

/// Which menu a command appears in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    View,
}

/// When a command can run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Enabled {
    Always,
    CanUndo,
    CanRedo,
    /// A node is selected.
    Selection,
    /// The selected node is a collection member or a collection (paste target).
    Structural,
    /// The selected node is a keyed-collection member.
    Renamable,
}

#[derive(Clone, Copy, Debug)]
pub struct Command {
    pub id: CommandId,
    pub label: &'static str,
    pub menu: Menu,
    /// The first one is shown in menus.
    pub shortcuts: &'static [KeyboardShortcut],
    pub enabled: Enabled,
    /// Fires even while a text field has keyboard focus (otherwise the key goes to the field).
    pub in_text: bool,
    /// Shown as a toolbar button (material icon).
    pub toolbar_icon: Option<egui_material_icons::MaterialIcon>,
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;
const fn sc(m: Modifiers, k: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(m, k)
}

use egui_material_icons::icons as mi;

/// Every command in menu order: the menus, the toolbar, the palette and the shortcuts iterate it.
pub const COMMANDS: &[Command] = &[
    command(CommandId::New),
    command(CommandId::Open),
    command(CommandId::OpenInApp),
    command(CommandId::Save),
    command(CommandId::SaveAs),
    command(CommandId::Quit),
    command(CommandId::Undo),
    command(CommandId::Redo),
    command(CommandId::Cut),
    command(CommandId::Copy),
    command(CommandId::Paste),
    command(CommandId::Duplicate),
    command(CommandId::Delete),
    command(CommandId::Rename),
    command(CommandId::MoveUp),
    command(CommandId::MoveDown),
    command(CommandId::Palette),
    command(CommandId::ToggleTheme),
    command(CommandId::ToggleStrict),
    command(CommandId::ShowJson),
    command(CommandId::ShowDiagnostics),
    command(CommandId::ShowSend),
];

/// The command with this id. Never fails: the table is an exhaustive `match`, so a new
/// `CommandId` does not compile without its row. (`const { .. }` makes each shortcut list
/// a `'static` constant.)
#[rustfmt::skip]
pub const fn command(id: CommandId) -> Command {
    match id {
        CommandId::New => Command { id, label: "New…", menu: Menu::File, shortcuts: const { &[sc(CMD, Key::N)] }, enabled: Enabled::Always, in_text: true, toolbar_icon: Some(mi::ICON_NOTE_ADD) },
        CommandId::Open => Command { id, label: "Open…", menu: Menu::File, shortcuts: const { &[sc(CMD, Key::O)] }, enabled: Enabled::Always, in_text: true, toolbar_icon: Some(mi::ICON_FOLDER_OPEN) },
        CommandId::OpenInApp => Command { id, label: "Open with built-in dialog…", menu: Menu::File, shortcuts: &[], enabled: Enabled::Always, in_text: true, toolbar_icon: None },
        CommandId::Save => Command { id, label: "Save", menu: Menu::File, shortcuts: const { &[sc(CMD, Key::S)] }, enabled: Enabled::Always, in_text: true, toolbar_icon: Some(mi::ICON_SAVE) },
        CommandId::SaveAs => Command { id, label: "Save As…", menu: Menu::File, shortcuts: const { &[sc(CMD_SHIFT, Key::S)] }, enabled: Enabled::Always, in_text: true, toolbar_icon: None },
        CommandId::Quit => Command { id, label: "Quit", menu: Menu::File, shortcuts: const { &[sc(CMD, Key::Q)] }, enabled: Enabled::Always, in_text: true, toolbar_icon: None },
        CommandId::Undo => Command { id, label: "Undo", menu: Menu::Edit, shortcuts: const { &[sc(CMD, Key::Z)] }, enabled: Enabled::CanUndo, in_text: true, toolbar_icon: Some(mi::ICON_UNDO) },
        CommandId::Redo => Command { id, label: "Redo", menu: Menu::Edit, shortcuts: const { &[sc(CMD_SHIFT, Key::Z), sc(CMD, Key::Y)] }, enabled: Enabled::CanRedo, in_text: true, toolbar_icon: Some(mi::ICON_REDO) },
        CommandId::Cut => Command { id, label: "Cut", menu: Menu::Edit, shortcuts: const { &[sc(CMD, Key::X)] }, enabled: Enabled::Structural, in_text: false, toolbar_icon: None },
        CommandId::Copy => Command { id, label: "Copy", menu: Menu::Edit, shortcuts: const { &[sc(CMD, Key::C)] }, enabled: Enabled::Selection, in_text: false, toolbar_icon: None },
        CommandId::Paste => Command { id, label: "Paste", menu: Menu::Edit, shortcuts: const { &[sc(CMD, Key::V)] }, enabled: Enabled::Structural, in_text: false, toolbar_icon: None },
        CommandId::Duplicate => Command { id, label: "Duplicate", menu: Menu::Edit, shortcuts: const { &[sc(CMD, Key::D)] }, enabled: Enabled::Structural, in_text: true, toolbar_icon: Some(mi::ICON_CONTENT_COPY) },
        CommandId::Delete => Command { id, label: "Delete", menu: Menu::Edit, shortcuts: const { &[sc(NONE, Key::Delete)] }, enabled: Enabled::Selection, in_text: false, toolbar_icon: Some(mi::ICON_DELETE) },
        CommandId::Rename => Command { id, label: "Rename key", menu: Menu::Edit, shortcuts: const { &[sc(NONE, Key::F2)] }, enabled: Enabled::Renamable, in_text: true, toolbar_icon: None },
        CommandId::MoveUp => Command { id, label: "Move up", menu: Menu::Edit, shortcuts: const { &[sc(Modifiers::ALT, Key::ArrowUp)] }, enabled: Enabled::Selection, in_text: false, toolbar_icon: Some(mi::ICON_ARROW_UPWARD) },
        CommandId::MoveDown => Command { id, label: "Move down", menu: Menu::Edit, shortcuts: const { &[sc(Modifiers::ALT, Key::ArrowDown)] }, enabled: Enabled::Selection, in_text: false, toolbar_icon: Some(mi::ICON_ARROW_DOWNWARD) },
        CommandId::Palette => Command { id, label: "Command palette…", menu: Menu::View, shortcuts: const { &[sc(CMD, Key::K)] }, enabled: Enabled::Always, in_text: true, toolbar_icon: Some(mi::ICON_SEARCH) },
        CommandId::ToggleTheme => Command { id, label: "Toggle light/dark theme", menu: Menu::View, shortcuts: &[], enabled: Enabled::Always, in_text: true, toolbar_icon: None },
        CommandId::ToggleStrict => Command { id, label: "Toggle strict validation (older portals)", menu: Menu::View, shortcuts: &[], enabled: Enabled::Always, in_text: true, toolbar_icon: None },
        CommandId::ShowJson => Command { id, label: "Show JSON", menu: Menu::View, shortcuts: &[], enabled: Enabled::Always, in_text: true, toolbar_icon: None },
        CommandId::ShowDiagnostics => Command { id, label: "Show Diagnostics", menu: Menu::View, shortcuts: &[], enabled: Enabled::Always, in_text: true, toolbar_icon: None },
        CommandId::ShowSend => Command { id, label: "Show Send to portal and request log", menu: Menu::View, shortcuts: &[], enabled: Enabled::Always, in_text: true, toolbar_icon: None },
    }
}

/// What `Enabled` is evaluated against.
#[derive(Clone, Copy, Debug, Default)]
pub struct CommandState {
    pub can_undo: bool,
    pub can_redo: bool,
    pub selection: bool,
    pub structural: bool,
    pub renamable: bool,
}

impl Command {
    pub fn is_enabled(&self, s: &CommandState) -> bool {
        match self.enabled {
            Enabled::Always => true,
            Enabled::CanUndo => s.can_undo,
            Enabled::CanRedo => s.can_redo,
            Enabled::Selection => s.selection,
            Enabled::Structural => s.structural,
            Enabled::Renamable => s.renamable,
        }
    }
}

/// Number of modifiers; more specific shortcuts are matched first (egui ignores extra Shift/Alt).
fn specificity(s: &KeyboardShortcut) -> u8 {
    let m = s.modifiers;
    m.alt as u8 + m.shift as u8 + (m.ctrl || m.command) as u8
}

/// Consumes the shortcuts pressed this frame and returns the commands they trigger.
/// `text_focused`: a text field has focus, so only `in_text` commands fire.
pub fn pressed(ctx: &egui::Context, text_focused: bool) -> Vec<CommandId> {
    let mut all: Vec<(&KeyboardShortcut, CommandId, bool)> =
        COMMANDS.iter().flat_map(|c| c.shortcuts.iter().map(move |s| (s, c.id, c.in_text))).collect();
    all.sort_by_key(|(s, _, _)| std::cmp::Reverse(specificity(s)));
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        for (s, id, in_text) in all {
            if (in_text || !text_focused) && i.consume_shortcut(s) && !out.contains(&id) {
                out.push(id);
            }
        }
    });
    out
}

/// Fuzzy subsequence score of `query` in `label` (higher is better), `None` if no match.
pub fn fuzzy_score(query: &str, label: &str) -> Option<i32> {
    let q: Vec<char> = query.to_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
    let l: Vec<char> = label.to_lowercase().chars().collect();
    let mut score = 0;
    let mut li = 0;
    let mut prev_match: Option<usize> = None;
    for qc in q {
        let pos = (li..l.len()).find(|&i| l[i] == qc)?;
        // Reward consecutive matches and matches at word starts.
        if prev_match == Some(pos.wrapping_sub(1)) {
            score += 5;
        }
        if pos == 0 || !l[pos - 1].is_alphanumeric() {
            score += 3;
        }
        score += 1;
        prev_match = Some(pos);
        li = pos + 1;
    }
    Some(score * 100 - l.len() as i32)
}

/// Commands matching `query`, best first (all commands for an empty query).
pub fn palette_filter(query: &str) -> Vec<&'static Command> {
    let mut scored: Vec<(i32, usize, &Command)> =
        COMMANDS.iter().enumerate().filter_map(|(i, c)| fuzzy_score(query, c.label).map(|s| (s, i, c))).collect();
    scored.sort_by_key(|(s, i, _)| (std::cmp::Reverse(*s), *i));
    scored.into_iter().map(|(_, _, c)| c).collect()
}

/// Human-readable shortcut (`Ctrl+Shift+S`), for menus and the palette.
pub fn shortcut_text(ctx: &egui::Context, id: CommandId) -> Option<String> {
    command(id).shortcuts.first().map(|s| ctx.format_shortcut(s))
}

/// The same in plain names (`Cmd+S` on a Mac, no symbols), without the context: for text
/// built while egui holds its lock (accessible names).
pub fn shortcut_text_plain(is_mac: bool, id: CommandId) -> Option<String> {
    command(id).shortcuts.first().map(|s| s.format(&egui::ModifierNames::NAMES, is_mac))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let all: Vec<(KeyboardShortcut, CommandId)> =
            COMMANDS.iter().flat_map(|c| c.shortcuts.iter().map(move |s| (*s, c.id))).collect();
        for (i, (a, ida)) in all.iter().enumerate() {
            for (b, idb) in &all[i + 1..] {
                assert!(a != b, "{ida:?} and {idb:?} share the shortcut {a:?}");
            }
        }
        // The required bindings exist.
        let has = |id, m, k| command(id).shortcuts.contains(&KeyboardShortcut::new(m, k));
        assert!(has(CommandId::Redo, CMD, Key::Y));
        assert!(has(CommandId::Redo, CMD_SHIFT, Key::Z));
        assert!(has(CommandId::SaveAs, CMD_SHIFT, Key::S));
        assert!(has(CommandId::Rename, NONE, Key::F2));
    }

    #[test]
    fn every_id_listed_once() {
        for c in COMMANDS {
            assert_eq!(COMMANDS.iter().filter(|d| d.id == c.id).count(), 1, "{:?}", c.id);
            assert_eq!(command(c.id).label, c.label, "{:?}", c.id);
        }
    }

    #[test]
    fn fuzzy_filter_ranks_prefix_first() {
        let r = palette_filter("sav");
        assert_eq!(r[0].id, CommandId::Save);
        assert!(r.iter().any(|c| c.id == CommandId::SaveAs));
        assert!(palette_filter("zzzq").is_empty());
        assert_eq!(palette_filter("").len(), COMMANDS.len());
        assert_eq!(palette_filter("mvdn")[0].id, CommandId::MoveDown);
    }

    #[test]
    fn more_specific_shortcut_wins() {
        let ctx = egui::Context::default();
        let ev = |m: Modifiers, k: Key| egui::Event::Key {
            key: k,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: m,
        };
        let input = egui::RawInput { events: vec![ev(CMD_SHIFT, Key::Z)], ..Default::default() };
        let mut got = Vec::new();
        ctx.run_ui(input, |ui| got = pressed(ui.ctx(), false)).textures_delta.clear();
        assert_eq!(got, vec![CommandId::Redo]);
        let input = egui::RawInput { events: vec![ev(NONE, Key::Delete)], ..Default::default() };
        ctx.run_ui(input, |ui| got = pressed(ui.ctx(), true)).textures_delta.clear();
        assert!(got.is_empty(), "Delete goes to the focused text field");
    }
}
