//! The project loader on arbitrary bytes: never a panic; a file it opens saves and reopens as
//! the same project (saving back never changes or drops what was read).
#![no_main]

use b24_activity_designer::project::{LoadError, SourceKind, load_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match load_bytes(data, "fuzz.json") {
        Ok(loaded) => {
            let saved = loaded.project.to_json_string();
            let again = load_bytes(saved.as_bytes(), "fuzz.json").expect("a saved project reopens");
            assert_eq!(again.kind, SourceKind::Project);
            assert_eq!(again.project, loaded.project, "save + reopen changed the project");
        }
        Err(e) => {
            if let LoadError::Syntax { line, column, .. } = &e {
                assert!(*line >= 1 && *column <= data.len() + 1);
            }
            let _ = e.to_string();
        }
    }
});
