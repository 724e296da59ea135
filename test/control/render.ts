/** Mounts the real control (init → updateView → React) on a fake PCF context, as the platform does. */
import { act, render, type RenderResult } from "@testing-library/react";
import { ConversationState } from "../../components/ConversationState";
import { fakeContext, flush, type FakeContext, type FakeOptions } from "./context";

if (typeof globalThis.ResizeObserver === "undefined") {
  globalThis.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  } as unknown as typeof ResizeObserver;
}

export interface Mounted extends RenderResult {
  readonly context: FakeContext;
  readonly control: ConversationState;
  /** updateView again, as the platform does when a property changes. */
  update(): void;
  /** Lets pending reads answer and React commit. */
  settle(): Promise<void>;
}

export async function mount(options: FakeOptions = {}): Promise<Mounted> {
  const context = fakeContext(options);
  const control = new ConversationState();
  control.init(context);
  const result = render(control.updateView(context));
  const mounted: Mounted = {
    ...result,
    context,
    control,
    update: () => result.rerender(control.updateView(context)),
    settle: async () => {
      await act(async () => {
        await flush();
        await flush();
      });
    },
  };
  await mounted.settle();
  return mounted;
}

/** React and Fluent report misuse on console.error without throwing: make that fail the test. */
export function failOnConsoleError(): void {
  let spy: jest.SpyInstance;
  beforeEach(() => {
    spy = jest.spyOn(console, "error");
  });
  afterEach(() => {
    const calls = spy.mock.calls.map((c) => String(c[0]).slice(0, 300));
    spy.mockRestore();
    expect(calls).toEqual([]);
  });
}
