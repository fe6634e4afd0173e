'use client';

import type { ParamSchema, ParamValues } from '@/lib/params';
import { Select } from './Select';
import { Slider } from './Slider';
import { Toggle } from './Toggle';
import styles from './controls.module.css';

export interface ParamControlsProps<S extends ParamSchema> {
  schema: S;
  values: ParamValues<S>;
  onChange: <K extends keyof S & string>(key: K, value: ParamValues<S>[K]) => void;
  /** Keys to leave out (a widget may draw some parameters its own way). */
  hidden?: readonly string[];
  /** Only these keys (in schema order). */
  only?: readonly string[];
  /** Dense: help lines are dropped where the figure is narrow (they stay the inputs' descriptions). */
  compact?: boolean;
}

/** One control per schema field: sliders for numbers, switches for booleans, selects for choices. */
export function ParamControls<S extends ParamSchema>({
  schema,
  values,
  onChange,
  hidden = [],
  only,
  compact = false,
}: ParamControlsProps<S>) {
  return (
    <div className={compact ? `${styles.controls} ${styles.compact}` : styles.controls}>
      {Object.entries(schema)
        .filter(([key]) => !hidden.includes(key) && (!only || only.includes(key)))
        .map(([key, spec]) => {
          const k = key as keyof S & string;
          const value = values[k] as unknown;
          if (spec.kind === 'number') {
            return (
              <Slider
                key={key}
                label={spec.label}
                value={value as number}
                min={spec.min}
                max={spec.max}
                step={spec.step}
                unit={spec.unit}
                log={spec.log}
                help={spec.help}
                onChange={(v) => onChange(k, v as ParamValues<S>[typeof k])}
              />
            );
          }
          if (spec.kind === 'boolean') {
            return (
              <Toggle
                key={key}
                label={spec.label}
                checked={value as boolean}
                help={spec.help}
                onChange={(v) => onChange(k, v as ParamValues<S>[typeof k])}
              />
            );
          }
          return (
            <Select
              key={key}
              label={spec.label}
              value={value as string}
              options={spec.options}
              help={spec.help}
              onChange={(v) => onChange(k, v as ParamValues<S>[typeof k])}
            />
          );
        })}
    </div>
  );
}
