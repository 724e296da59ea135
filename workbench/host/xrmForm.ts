/**
 * A model-driven form's Client API, as much of it as the form script and the control use, over the
 * Web API: attributes (get, set, on-change, options, dirty, privileges), controls (option sets, and
 * the code component's addEventHandler), notifications, save with OnSave event arguments and
 * PostSave, and refresh. Names and behaviour follow the Client API reference (formContext.data,
 * formContext.ui, Attribute, Control, getEventArgs); where a real form does more, this does less.
 */
import { request, webApi, type WebApiError } from "./webApi";

export type Row = Record<string, unknown>;

export interface ColumnSpec {
  readonly name: string;
  readonly kind: "optionset" | "multiselect" | "datetime" | "text";
  /** Option set choices (value → label), in order. */
  readonly options?: readonly { readonly value: number; readonly text: string }[];
  /** The user may read but not update it (column security, or a read-only field). */
  readonly readOnly?: boolean;
}

export interface Notification {
  readonly id: string;
  readonly level: "ERROR" | "WARNING" | "INFO";
  readonly message: string;
}

type Handler<A extends unknown[] = unknown[]> = (...args: A) => void;

export interface XrmForm {
  readonly formContext: Xrm.FormContext;
  /** What the page shows: values, options per control, notifications. Call render() after changes. */
  readonly values: Row;
  readonly notifications: Notification[];
  optionsOf(control: string): readonly { value: number; text: string }[];
  /** The user changes a field: the value changes, then its OnChange handlers run. */
  userChange(column: string, value: unknown): void;
  /** The user selects Save (mode 1), or another save mode. */
  userSave(mode?: number): Promise<boolean>;
  /** The code component on `column` raises an event to the handlers the form script added. */
  raiseControlEvent(column: string, name: string, payload: unknown): void;
  /** Subscribe to any change the page should render. */
  onChange(listener: () => void): void;
  setFormType(type: number): void;
}

export interface XrmFormOptions {
  readonly table: string;
  readonly entitySet: string;
  readonly id: string;
  readonly columns: readonly ColumnSpec[];
  /** The code component's column (its controls get addEventHandler). */
  readonly controlColumn: string;
  readonly header?: boolean;
}

/** Builds the form for one record, its values read from the Web API. */
export async function openForm(options: XrmFormOptions): Promise<XrmForm> {
  const select = options.columns.map((c) => c.name).join(",");
  const read = async (): Promise<Row> => request(`${options.entitySet}(${options.id})?$select=${select}`);
  const values: Row = {};
  const initial: Row = {};
  const dirty = new Set<string>();
  const onChangeHandlers = new Map<string, Handler[]>();
  const controlHandlers = new Map<string, Map<string, Handler<[unknown]>[]>>();
  const onSave: Handler<[unknown]>[] = [];
  const onPostSave: Handler<[unknown]>[] = [];
  const onDataLoad: Handler<[unknown]>[] = [];
  const listeners: (() => void)[] = [];
  const notifications: Notification[] = [];
  // Choices a control hides (removeOption); addOption puts one back (the form script only restores originals).
  const removed = new Map<string, Set<number>>();
  let formType = 2;
  const changed = (): void => listeners.forEach((l) => l());

  const fromRow = (row: Row, spec: ColumnSpec): unknown => {
    const raw = row[spec.name];
    if (raw === undefined || raw === null) return null;
    if (spec.kind === "multiselect") return String(raw).split(",").map(Number);
    if (spec.kind === "datetime") return new Date(String(raw));
    return raw;
  };
  const toRow = (spec: ColumnSpec, value: unknown): unknown =>
    value === null
      ? null
      : spec.kind === "multiselect"
        ? (value as number[]).join(",")
        : spec.kind === "datetime"
          ? (value as Date).toISOString()
          : value;
  const load = (row: Row): void => {
    for (const spec of options.columns) values[spec.name] = initial[spec.name] = fromRow(row, spec);
    dirty.clear();
  };
  // formContext.data.addOnLoad's handlers run when the data loads again (refresh, or after a save), not the first time.
  const reload = async (): Promise<void> => {
    load(await read());
    onDataLoad.forEach((h) => h(eventContext()));
  };
  load(await read());

  const controlNames = (column: string): string[] => (options.header ? [column, `header_${column}`] : [column]);

  // A form's controls and attributes are the same objects every time they are asked for (scripts key maps by them).
  const controls = new Map<string, unknown>();
  const attributes = new Map<string, unknown>();
  const controlOf = (name: string, column: string, spec: ColumnSpec) => {
    if (!controls.has(name)) controls.set(name, makeControl(name, column, spec));
    return controls.get(name) as ReturnType<typeof makeControl>;
  };

  const makeControl = (name: string, column: string, spec: ColumnSpec) => {
    const handlers = controlHandlers.get(name) ?? new Map<string, Handler<[unknown]>[]>();
    controlHandlers.set(name, handlers);
    const base = {
      getName: () => name,
      getControlType: () => (column === options.controlColumn ? "customcontrol" : spec.kind === "optionset" ? "optionset" : "standard"),
      getAttribute: () => attributeOf(column),
      getDisabled: () => formType === 3 || spec.readOnly === true,
      setNotification: () => true,
      clearNotification: () => true,
    };
    if (column === options.controlColumn) {
      return {
        ...base,
        // Client API addEventHandler: "Control types supported: Custom code components".
        addEventHandler: (event: string, handler: Handler<[unknown]>) => handlers.set(event, [...(handlers.get(event) ?? []), handler]),
        removeEventHandler: (event: string, handler: Handler<[unknown]>) =>
          handlers.set(
            event,
            (handlers.get(event) ?? []).filter((h) => h !== handler),
          ),
      };
    }
    if (spec.kind !== "optionset") return base;
    return {
      ...base,
      getOptions: () => optionsOfControl(name, spec),
      removeOption: (value: number) => {
        removed.set(name, new Set([...(removed.get(name) ?? []), value]));
        changed();
      },
      addOption: (option: { value: number; text: string }) => {
        removed.get(name)?.delete(option.value);
        changed();
      },
    };
  };

  const optionsOfControl = (name: string, spec: ColumnSpec): { value: number; text: string }[] =>
    (spec.options ?? []).filter((o) => !removed.get(name)?.has(o.value)).map((o) => ({ value: o.value, text: o.text }));

  const attributeOf = (column: string) => {
    if (!attributes.has(column)) attributes.set(column, makeAttribute(column));
    return attributes.get(column) as ReturnType<typeof makeAttribute>;
  };

  const makeAttribute = (column: string) => {
    const spec = options.columns.find((c) => c.name === column);
    if (!spec) return null;
    const controls = controlNames(column).map((name) => controlOf(name, column, spec));
    return {
      getName: () => column,
      getAttributeType: () => spec.kind,
      getValue: () => values[column],
      setValue: (value: unknown) => {
        // Client API setValue: the value changes, OnChange is not fired.
        values[column] = value;
        if (JSON.stringify(value) === JSON.stringify(initial[column])) dirty.delete(column);
        else dirty.add(column);
        changed();
      },
      getInitialValue: () => initial[column],
      getIsDirty: () => dirty.has(column),
      getOptions: () => spec.options ?? [],
      getUserPrivilege: () => ({ canRead: true, canUpdate: !spec.readOnly, canCreate: !spec.readOnly }),
      addOnChange: (handler: Handler) => onChangeHandlers.set(column, [...(onChangeHandlers.get(column) ?? []), handler]),
      removeOnChange: (handler: Handler) =>
        onChangeHandlers.set(
          column,
          (onChangeHandlers.get(column) ?? []).filter((h) => h !== handler),
        ),
      fireOnChange: () => runOnChange(column),
      controls: { forEach: (each: (c: unknown, i: number) => void) => controls.forEach(each), get: () => controls },
    };
  };

  const eventContext = (args?: unknown) => ({ getFormContext: () => formContext, getEventArgs: () => args, getContext: () => ({}) });
  const runOnChange = (column: string): void => (onChangeHandlers.get(column) ?? []).forEach((h) => h(eventContext()));

  /** A save: OnSave handlers (which may prevent it), then the PATCH of the dirty columns, then PostSave. */
  async function save(mode = 1): Promise<void> {
    let prevented = false;
    const args = { getSaveMode: () => mode, preventDefault: () => (prevented = true), isDefaultPrevented: () => prevented };
    onSave.forEach((h) => h(eventContext(args)));
    if (prevented) throw { errorCode: 0, message: "The save was cancelled by a form script.", status: 0 } satisfies WebApiError;
    const body = Object.fromEntries(
      [...dirty].map((name) => [name, toRow(options.columns.find((c) => c.name === name) as ColumnSpec, values[name])]),
    );
    let success = true;
    try {
      if (Object.keys(body).length > 0) await webApi.updateRecord(options.table, options.id, body);
      await reload();
    } catch (error) {
      success = false;
      throw error;
    } finally {
      onPostSave.forEach((h) => h(eventContext({ getIsSaveSuccess: () => success, getSaveErrorInfo: () => null })));
      changed();
    }
  }

  const formContext = {
    getAttribute: (name: string) => attributeOf(name),
    getControl: (name: string) => {
      const column = name.replace(/^header_/, "");
      const spec = options.columns.find((c) => c.name === column);
      return spec && controlNames(column).includes(name) ? controlOf(name, column, spec) : null;
    },
    ui: {
      getFormType: () => formType,
      setFormNotification: (message: string, level: Notification["level"], id: string) => {
        const at = notifications.findIndex((n) => n.id === id);
        if (at >= 0) notifications.splice(at, 1);
        notifications.push({ id, level, message });
        changed();
        return true;
      },
      clearFormNotification: (id: string) => {
        const at = notifications.findIndex((n) => n.id === id);
        if (at >= 0) notifications.splice(at, 1);
        changed();
        return at >= 0;
      },
    },
    data: {
      entity: {
        getId: () => `{${options.id.toUpperCase()}}`,
        getEntityName: () => options.table,
        getIsDirty: () => dirty.size > 0,
        addOnSave: (h: Handler<[unknown]>) => onSave.push(h),
        removeOnSave: (h: Handler<[unknown]>) => onSave.splice(onSave.indexOf(h) >>> 0, 1),
        addOnPostSave: (h: Handler<[unknown]>) => onPostSave.push(h),
        save: (mode?: number) => void save(mode ?? 1),
      },
      save: () => save(1),
      refresh: async (saveFirst?: boolean) => {
        if (saveFirst) await save(1);
        else await reload();
        changed();
      },
      addOnLoad: (h: Handler<[unknown]>) => onDataLoad.push(h),
      removeOnLoad: (h: Handler<[unknown]>) => onDataLoad.splice(onDataLoad.indexOf(h) >>> 0, 1),
    },
  } as unknown as Xrm.FormContext;

  return {
    formContext,
    values,
    notifications,
    optionsOf: (control) => {
      const column = control.replace(/^header_/, "");
      const spec = options.columns.find((c) => c.name === column);
      if (!spec) return [];
      const shown = optionsOfControl(control, spec);
      return shown;
    },
    userChange(column, value) {
      (formContext.getAttribute(column) as Xrm.Attributes.Attribute).setValue(value as never);
      runOnChange(column);
    },
    async userSave(mode = 1) {
      try {
        await save(mode);
        return true;
      } catch (error) {
        formContext.ui.setFormNotification((error as WebApiError).message, "ERROR", "save-error");
        return false;
      }
    },
    raiseControlEvent(column, name, payload) {
      for (const control of controlNames(column)) (controlHandlers.get(control)?.get(name) ?? []).forEach((h) => h(payload));
    },
    onChange: (listener) => listeners.push(listener),
    setFormType(type) {
      formType = type;
      changed();
    },
  };
}
