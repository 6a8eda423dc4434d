//! The JSON pane: the editable text (`pane`), its syntax colours (`highlight`) and the map from
//! text positions to document pointers and back (`locate`).

pub mod highlight;
pub mod locate;
pub mod pane;
