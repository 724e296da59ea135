/** @jsx h */
/** Status icons as inline SVG paths: @fluentui/react-icons is not a platform library and costs kilobytes. */
import { h } from "./jsx";
import type { BadgeTone } from "./viewModel";

const RING = "M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1Zm0 1.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11Z";
const CHECKED = "M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1ZM4.5 8l1-1L7 8.5 10.5 5l1 1L7 10.5Z";
// Drawn on a 16 × 16 grid, filled even-odd: a shape inside a ring is filled, inside a disc it is cut out.
const PATHS: Record<BadgeTone, string> = {
  open: RING,
  active: "M2 2h12v9H7l-3 3v-3H2Z",
  waiting: `${RING}M7.25 4h1.5v3.7l2.3 2.3-1 1-2.8-2.8Z`,
  "wrap-up": "M11 1.5 14.5 5 6 13.5H2.5V10Z",
  closed: CHECKED,
  resolved: CHECKED,
  scheduled: "M2 2h12v12H2Zm1.5 4v6.5h9V6Z",
  unknown: `${RING}M7.25 4h1.5v5h-1.5Zm0 6.5h1.5V12h-1.5Z`,
  empty: RING,
  masked: "M4 7V5a4 4 0 0 1 8 0v2h1v7H3V7Zm1.5 0h5V5a2.5 2.5 0 0 0-5 0Z",
};

export function StatusIcon({ tone }: { tone: BadgeTone }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" fill="currentColor" fillRule="evenodd" aria-hidden="true">
      <path d={PATHS[tone]} />
    </svg>
  );
}
