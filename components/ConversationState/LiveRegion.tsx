/** A polite live region: screen readers hear "Status changed to …" when the status changes, not on load. */
import * as React from "react";
import { makeStyles } from "@fluentui/react-components";
import type { Strings } from "./lifecycle";
import { say } from "./strings";

const useStyles = makeStyles({
  hidden: { position: "absolute", width: "1px", height: "1px", margin: "-1px", padding: 0, overflow: "hidden", clip: "rect(0,0,0,0)", whiteSpace: "nowrap", border: 0 },
});

export const LiveRegion = React.memo(function LiveRegion({ status, strings }: { status: string | null; strings: Strings }) {
  const s = useStyles();
  const previous = React.useRef(status);
  const [message, setMessage] = React.useState("");
  React.useEffect(() => {
    if (status === previous.current) return;
    previous.current = status;
    if (status !== null) setMessage(say(strings, "control.announce", { status }));
  }, [status, strings]);
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className={s.hidden}>
      {message}
    </div>
  );
});
