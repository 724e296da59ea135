/**
 * Each tone's badge colour and icon. Colours are Fluent's palette, so light, dark and high contrast
 * all follow the theme; icons are SVG path data drawn on a 16 × 16 grid (@fluentui/react-icons is not
 * a platform library: PLATFORM.md §7).
 */
import type { BadgeProps } from "@fluentui/react-components";
import type { BadgeTone } from "./viewModel";

// Filled nonzero: a hole runs the other way round from its outline. A circle is one arc ending a hair short of its start.
const DISC = "M8 1a7 7 0 1 0 .01 0";
const RING = `${DISC}m.01 1.5a5.5 5.5 0 1 1-.01 0`;
const CHECKED = `${DISC}M4.5 8l1-1L7 8.5 10.5 5l1 1L7 10.5`;
const WARNING = "M8 1.5 15 14H1zM7.25 6h1.5v4h-1.5zm0 5h1.5v1.5h-1.5z";

export const TONES: Readonly<Record<BadgeTone, readonly [color: BadgeProps["color"], icon: string]>> = {
  open: ["informative", RING],
  active: ["brand", "M2 2h12v9H7l-3 3v-3H2"],
  waiting: ["warning", `${RING}M7.25 4h1.5v3.7l2.3 2.3-1 1-2.8-2.8`],
  "wrap-up": ["severe", "M11 1.5 14.5 5 6 13.5H2.5V10"],
  closed: ["subtle", CHECKED],
  resolved: ["success", CHECKED],
  scheduled: ["informative", "M2 2h12v12H2m1.5-8v6.5h9V6"],
  unknown: ["danger", `${RING}M7.25 4h1.5v5h-1.5m0 1.5h1.5V12h-1.5`],
  masked: ["subtle", "M4 7V5a4 4 0 0 1 8 0v2h1v7H3V7m2.5 0h5V5a2.5 2.5 0 0 0-5 0"],
  loading: ["subtle", RING],
  setup: ["informative", `${RING}M7.25 7h1.5v5h-1.5zm0-3h1.5v1.5h-1.5z`],
  new: ["informative", "M7.25 2h1.5v12h-1.5zM2 7.25h12v1.5H2z"],
  unavailable: ["danger", WARNING],
};
