'use client';

import { useId } from 'react';
import styles from './controls.module.css';

export interface SelectProps {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  help?: string;
  onChange: (value: string) => void;
}

export function Select({ label, value, options, help, onChange }: SelectProps) {
  const id = useId();
  return (
    <div className={styles.field}>
      <label className={styles.label} htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className={styles.select}
        value={value}
        aria-describedby={help ? `${id}-help` : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {help ? (
        <span id={`${id}-help`} className={styles.help}>
          {help}
        </span>
      ) : null}
    </div>
  );
}
