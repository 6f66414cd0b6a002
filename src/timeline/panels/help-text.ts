/**
 * The help overlay's words (keymap.ts HELP_ROWS) in the interface language, looked up by their
 * English text so keymap.ts stays as it is. A row added there without an entry here shows in
 * English (add it here and to both locales/…/timeline.json).
 */
import { t } from '../../i18n/t';

const HELP_TEXT: Record<string, () => string> = {
  Navigation: () => t('timeline:help_navigation'),
  Selection: () => t('timeline:help_selection'),
  Search: () => t('timeline:help_search'),
  Other: () => t('timeline:help_section_misc'),
  'Zoom in / out around the mouse (hold to accelerate)': () =>
    t('timeline:help_zoom_in_out_around_the_mouse'),
  'Pan left / right (hold to accelerate)': () =>
    t('timeline:help_pan_left_right_hold_to_accelerate'),
  'Ctrl + wheel, pinch': () => t('timeline:help_ctrl_wheel_pinch'),
  'Zoom around the cursor': () => t('timeline:help_zoom_around_the_cursor'),
  Wheel: () => t('timeline:help_wheel'),
  'Scroll tracks; horizontal wheel / Shift + wheel pans': () =>
    t('timeline:help_scroll_tracks_horizontal_wheel_shift_wheel'),
  Drag: () => t('timeline:help_drag'),
  'Pan (and scroll)': () => t('timeline:help_pan_and_scroll'),
  '0 or Home': () => t('timeline:help_0_or_home'),
  'Show the whole trace': () => t('timeline:help_show_the_whole_trace'),
  'Fit what was picked last: the selected slice or the range': () =>
    t('timeline:help_fit_what_was_picked_last_the'),
  Click: () => t('timeline:help_click'),
  'Select a slice; click empty space to clear': () =>
    t('timeline:help_select_a_slice_click_empty_space'),
  'Shift + drag, drag in the ruler': () => t('timeline:help_shift_drag_drag_in_the_ruler'),
  'Select a time range (aggregated in the panel)': () =>
    t('timeline:help_select_a_time_range_aggregated_in'),
  Escape: () => t('timeline:help_escape'),
  'Clear selection and range': () => t('timeline:help_clear_selection_and_range'),
  'Next / previous slice on the same track': () =>
    t('timeline:help_next_previous_slice_on_the_same'),
  'Parent / first child': () => t('timeline:help_parent_first_child'),
  'Follow the outgoing / incoming flow (e.g. CPU op → NPU kernel and back)': () =>
    t('timeline:help_follow_the_outgoing_incoming_flow_e'),
  '/ or Ctrl + S': () => t('timeline:help_or_ctrl_s'),
  'Focus the search box': () => t('timeline:help_focus_the_search_box'),
  'Next / previous match (in the search box)': () =>
    t('timeline:help_next_previous_match_in_the_search'),
  'Next / previous match': () => t('timeline:help_next_previous_match'),
  'Click a pin': () => t('timeline:help_click_a_pin'),
  'Keep the track at the top while scrolling': () => t('timeline:help_keep_the_track_at_the_top'),
  'Alt + click a pin': () => t('timeline:help_alt_click_a_pin'),
  'Pin the same track on every rank shown': () => t('timeline:help_pin_the_same_track_on_every'),
  'Show or hide this help': () => t('timeline:help_show_or_hide_this_help'),
};

export function helpText(english: string): string {
  return HELP_TEXT[english]?.() ?? english;
}
