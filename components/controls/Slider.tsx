'use client';

import { useId } from 'react';
import styles from './controls.module.css';

export interface SliderProps {
  /** The visible label, also the accessible name. */
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  /** Unit shown after the value ("steps", "rad/s"). */
  unit?: string;
  /** Move on a logarithmic scale (min must be > 0). */
  log?: boolean;
  /** One line under the slider. */
  help?: string;
  /** How to print the value; defaults to the step's decimals. */
  format?: (value: number) => string;
  onChange: (value: number) => void;
}

const LOG_STEPS = 200;

function decimals(step: number): number {
  return step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
}

function snap(value: number, min: number, max: number, step: number): number {
  const snapped = min + Math.round((value - min) / step) * step;
  return Number(Math.min(max, Math.max(min, snapped)).toFixed(decimals(step)));
}

/** A labelled range input showing its value and unit; arrow keys, Page Up/Down and Home/End work natively. */
export function Slider({ label, value, min, max, step, unit, log = false, help, format, onChange }: SliderProps) {
  const id = useId();
  const shown = format ? format(value) : value.toFixed(decimals(step));
  const text = `${shown}${unit ? ` ${unit}` : ''}`;
  const useLog = log && min > 0;
  const position = useLog ? Math.round((Math.log(value / min) / Math.log(max / min)) * LOG_STEPS) : value;
  return (
    <div className={styles.field}>
      <div className={styles.labelRow}>
        <label className={styles.label} htmlFor={id}>
          {label}
        </label>
        <output className={styles.value} htmlFor={id} aria-live="off">
          {text}
        </output>
      </div>
      <input
        id={id}
        className={styles.range}
        type="range"
        min={useLog ? 0 : min}
        max={useLog ? LOG_STEPS : max}
        step={useLog ? 1 : step}
        value={position}
        aria-valuetext={text}
        aria-describedby={help ? `${id}-help` : undefined}
        onChange={(e) => {
          const raw = Number(e.target.value);
          const next = useLog ? min * Math.pow(max / min, raw / LOG_STEPS) : raw;
          let snapped = snap(next, min, max, step);
          // On a log scale one position can round back to the value it left (n = 10 on 1…512 with step 1): then
          // take one step of the parameter in the direction of the move, so arrow keys never get stuck.
          if (useLog && snapped === value && raw !== position) snapped = snap(value + (raw > position ? step : -step), min, max, step);
          onChange(snapped);
        }}
      />
      {help ? (
        <span id={`${id}-help`} className={styles.help}>
          {help}
        </span>
      ) : null}
    </div>
  );
}
