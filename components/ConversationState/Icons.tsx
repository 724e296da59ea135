/** Status icons as inline SVG paths: @fluentui/react-icons is not a platform library and costs kilobytes. */
import * as React from "react";
import type { BadgeTone } from "./viewModel";

const RING = "M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm0 1.5a5 5 0 1 1 0 10A5 5 0 0 1 8 3Z";
const PATHS: Record<BadgeTone, string> = {
  open: RING,
  active: "M2 4.5A2.5 2.5 0 0 1 4.5 2h7A2.5 2.5 0 0 1 14 4.5v4a2.5 2.5 0 0 1-2.5 2.5H8l-3.5 3V11A2.5 2.5 0 0 1 2 8.5Z",
  waiting: `${RING}M7.25 4.5h1.5v3.2l2 2-1.06 1.06-2.44-2.44Z`,
  "wrap-up": "M10.6 2.2a1.5 1.5 0 0 1 2.1 0l1.1 1.1a1.5 1.5 0 0 1 0 2.1L6 13.2 2 14l.8-4ZM2 15h12v-1H7.5Z",
  closed: "M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm3.03 4.47 1.06 1.06-4.84 4.84L4.4 9.03l1.06-1.06 1.79 1.79Z",
  resolved: "M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm3.03 4.47 1.06 1.06-4.84 4.84L4.4 9.03l1.06-1.06 1.79 1.79Z",
  scheduled: "M2 3h12v11H2Zm1.5 3.5v6h9v-6ZM4.5 1h1.5v3H4.5Zm5.5 0h1.5v3H10Z",
  unknown: `${RING}M7.25 10h1.5v1.5h-1.5ZM8 4a2.25 2.25 0 0 1 .75 4.37V9h-1.5V7.25H8a.75.75 0 1 0-.75-.75h-1.5A2.25 2.25 0 0 1 8 4Z`,
  empty: RING,
  masked: "M4 7V5a4 4 0 0 1 8 0v2h1v7H3V7Zm1.5 0h5V5a2.5 2.5 0 0 0-5 0Z",
};

export const StatusIcon = React.memo(function StatusIcon({ tone }: { tone: BadgeTone }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" fill="currentColor" fillRule="evenodd" aria-hidden="true" focusable="false">
      <path d={PATHS[tone]} />
    </svg>
  );
});
