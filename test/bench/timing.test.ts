import { describe, expect, it } from "vitest";
import { measureInterleaved, median } from "../../bench/timing.mjs";

/** A clock that advances only when an implementation "runs": each call costs its entry's duration. */
function simulated(durations: Record<string, number>) {
  let now = 0;
  const calls: string[] = [];
  const entries = Object.entries(durations).map(([name, ms]) => ({
    prepared: {
      call: () => {
        calls.push(name);
        now += ms;
        return name;
      },
      release() {},
    },
    check: (output: string) => calls.push(`check ${output}`),
  }));
  return { entries, calls, clock: () => now };
}

describe("measureInterleaved", () => {
  it("checks and warms up each entry in order, then times them round by round", async () => {
    const { entries, calls, clock } = simulated({ a: 1, b: 2, c: 3 });
    const timings = await measureInterleaved(entries, { rounds: 4 }, { clock, collect() {} });
    expect(calls.slice(0, 9)).toEqual(["a", "check a", "a", "b", "check b", "b", "c", "check c", "c"]);
    expect(calls.slice(9)).toEqual(["a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c"]);
    expect(timings).toEqual([
      { medianMs: 1, samples: 4 },
      { medianMs: 2, samples: 4 },
      { medianMs: 3, samples: 4 },
    ]);
  });

  it("drops an entry that has spent its budget, and keeps one whose first call is very slow to that call", async () => {
    const { entries, calls, clock } = simulated({ fast: 1, slow: 700, glacial: 6000 });
    const timings = await measureInterleaved(entries, { rounds: 21, budgetMs: 3000, minSamples: 3, singleCallMs: 5000 }, { clock, collect() {} });
    expect(timings[0]).toEqual({ medianMs: 1, samples: 21 });
    // 700 ms a call: the budget of 3 s is spent after 5 timed calls.
    expect(timings[1]).toEqual({ medianMs: 700, samples: 5 });
    expect(timings[2]).toEqual({ medianMs: 6000, samples: 1 });
    expect(calls.filter((name) => name === "glacial")).toHaveLength(1);
  });

  it("reports an entry that throws, and goes on timing the others", async () => {
    const { entries, clock } = simulated({ good: 1 });
    let calls = 0;
    const failing = {
      prepared: {
        call: () => {
          if (++calls === 3) throw new Error("third call fails");
          return 0;
        },
        release() {},
      },
    };
    const timings = await measureInterleaved([failing, ...entries], { rounds: 5 }, { clock, collect() {} });
    expect(timings[0].error.message).toBe("third call fails");
    expect(timings[1]).toEqual({ medianMs: 1, samples: 5 });
  });

  it("runs enter and a garbage collection before every call, and awaits asynchronous calls", async () => {
    const events: string[] = [];
    const entry = {
      prepared: {
        enter: async () => void events.push("enter"),
        call: async () => (events.push("call"), 7),
        release: (output: number) => events.push(`release ${output}`),
      },
    };
    await measureInterleaved([entry], { rounds: 1 }, { collect: () => events.push("gc") });
    expect(events).toEqual(["enter", "gc", "call", "release 7", "enter", "gc", "call", "release 7", "enter", "gc", "call", "release 7"]);
  });
});

describe("median", () => {
  it("is the middle value, or the mean of the two middle ones", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
