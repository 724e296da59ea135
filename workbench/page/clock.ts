/**
 * The page follows the workbench's simulated clock: Date.now() answers the simulated time, as on a
 * machine whose clock is set ahead, so the control's time in status and capacity countdown move when
 * the clock jumps. The control itself is unchanged: it only ever asks Date.now().
 */
const realNow = Date.now.bind(Date);

export function followClock(offsetMs: number): void {
  Date.now = () => realNow() + offsetMs;
}
