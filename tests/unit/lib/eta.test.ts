import { describe, expect, it } from 'vitest';
import { createEtaEstimator } from '@/lib/eta';

describe('createEtaEstimator', () => {
  it('estimates from the recent rate, not from a slow start (3 s of startup, then 10 %/s)', () => {
    const eta = createEtaEstimator();
    // Nothing for 3 s (worker and wasm start), then steady progress of 10 % a second.
    eta.observe(3000, 0);
    for (let t = 3250; t <= 8000; t += 250) eta.observe(t, ((t - 3000) / 1000) * 0.1);
    // At 8 s the run is at 50 %: 5 s left at the current rate (from the start it would say 8 s).
    expect(eta.remainingMs()).toBeCloseTo(5000, -2);
  });

  it('says nothing until progress has been seen over a short span', () => {
    const eta = createEtaEstimator();
    expect(eta.remainingMs()).toBeNull();
    eta.observe(0, 0.1);
    expect(eta.remainingMs()).toBeNull();
    eta.observe(100, 0.2);
    expect(eta.remainingMs()).toBeNull();
    eta.observe(400, 0.4);
    expect(eta.remainingMs()).toBeCloseTo(((1 - 0.4) * 400) / 0.3, 0);
  });

  it('follows a change of pace within the window, and starts over when progress restarts', () => {
    const eta = createEtaEstimator({ windowMs: 1000 });
    for (let t = 0; t <= 2000; t += 250) eta.observe(t, t / 20000); // 5 %/s
    for (let t = 2250; t <= 4000; t += 250) eta.observe(t, 0.1 + (t - 2000) / 4000); // 25 %/s
    expect(eta.remainingMs()).toBeCloseTo(((1 - 0.6) * 1000) / 0.25, -1);
    eta.observe(4100, 0.01);
    expect(eta.remainingMs()).toBeNull();
  });
});
