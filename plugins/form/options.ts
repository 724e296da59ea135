/**
 * Shows only the Status Reason choices an agent may pick. Each control's choices are remembered
 * as the form first showed them, so a choice hidden for one status comes back, in its place,
 * when the status changes.
 */
type Choice = Xrm.OptionSetValue;
type ChoiceControl = Xrm.Controls.OptionSetControl;

const original = new WeakMap<ChoiceControl, readonly Choice[]>();

/** Every control bound to the attribute: the body, the header, a business process flow. */
export function choiceControls(attribute: Xrm.Attributes.OptionSetAttribute): ChoiceControl[] {
  const controls: ChoiceControl[] = [];
  attribute.controls.forEach((control) => {
    // Only a choice control has choices to take out; others bound to the column are left as they are.
    if ("removeOption" in control) controls.push(control as ChoiceControl);
  });
  return controls;
}

/** Keeps the choices `keep` accepts, in their original order; puts back the ones it accepts again. */
export function showChoices(control: ChoiceControl, keep: (value: number) => boolean): void {
  let all = original.get(control);
  if (!all) {
    all = control.getOptions().map((o) => ({ text: o.text, value: o.value }));
    original.set(control, all);
  }
  const shown = new Set<number>();
  for (const option of control.getOptions().slice()) {
    if (keep(option.value)) shown.add(option.value);
    else control.removeOption(option.value);
  }
  // What remains is in original order, so inserting each missing choice at its final index restores it.
  all
    .filter((o) => keep(o.value))
    .forEach((o, i) => {
      if (!shown.has(o.value)) control.addOption({ text: o.text, value: o.value }, i);
    });
}
