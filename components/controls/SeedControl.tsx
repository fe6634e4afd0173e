'use client';

import { useId } from 'react';
import { MAX_SEED } from '@/lib/urlState';
import styles from './controls.module.css';

export interface SeedControlProps {
  seed: number;
  onChange: (seed: number) => void;
  /** How many seeds to average over (1 = a single run). */
  seeds: number;
  onSeedsChange: (seeds: number) => void;
  /** Offer "compare over N seeds" (for noisy results). */
  allowCompare?: boolean;
}

/** The next seed after `seed`: a fixed scramble, so "new seed" is reproducible too (no Math.random). */
export function nextSeed(seed: number): number {
  let x = (seed + 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return ((x ^ (x >>> 16)) >>> 0) % 100000;
}

export function SeedControl({ seed, onChange, seeds, onSeedsChange, allowCompare = true }: SeedControlProps) {
  const id = useId();
  const compareId = useId();
  return (
    <div className={styles.row}>
      <label className={styles.label} htmlFor={id}>
        Seed
      </label>
      <input
        id={id}
        className={styles.number}
        type="number"
        min={0}
        max={MAX_SEED}
        step={1}
        value={seed}
        onChange={(e) => {
          const n = Math.trunc(Number(e.target.value));
          if (Number.isFinite(n) && n >= 0 && n <= MAX_SEED) onChange(n);
        }}
      />
      <button type="button" className="btn" onClick={() => onChange(nextSeed(seed))}>
        New seed
      </button>
      {allowCompare ? (
        <>
          <label className={styles.label} htmlFor={compareId}>
            Runs
          </label>
          <select
            id={compareId}
            className={styles.select}
            value={seeds}
            onChange={(e) => onSeedsChange(Number(e.target.value))}
          >
            <option value={1}>1 seed</option>
            <option value={5}>mean of 5 seeds</option>
          </select>
        </>
      ) : null}
    </div>
  );
}
