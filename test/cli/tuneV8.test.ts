import { describe, expect, it, vi } from 'vitest';

const setFlagsFromString = vi.fn();
vi.mock('node:v8', () => ({ setFlagsFromString }));
const { INTERRUPT_BUDGET, tuneV8 } = await import('../../src/cli/tuneV8.js');

describe('tuneV8', () => {
  it("raises V8's tier-up budget to four times its default", () => {
    setFlagsFromString.mockClear();
    tuneV8([]);
    expect(setFlagsFromString).toHaveBeenCalledExactlyOnceWith('--interrupt-budget=270336');
    expect(INTERRUPT_BUDGET).toBe(270_336);
  });

  it("leaves a budget given on node's command line alone", () => {
    setFlagsFromString.mockClear();
    tuneV8(['--max-old-space-size=4096', '--interrupt-budget=1000']);
    tuneV8(['--interrupt_budget=1000']);
    tuneV8(['--interrupt-budget', '1000']);
    expect(setFlagsFromString).not.toHaveBeenCalled();
  });

  it('is not fooled by another flag that begins alike', () => {
    setFlagsFromString.mockClear();
    tuneV8(['--interrupt-budget-for-feedback-allocation=100']);
    expect(setFlagsFromString).toHaveBeenCalledExactlyOnceWith('--interrupt-budget=270336');
  });
});
