'use client';

import { useId } from 'react';
import styles from './controls.module.css';

export interface ToggleProps {
  label: string;
  checked: boolean;
  help?: string;
  onChange: (checked: boolean) => void;
}

/** An on/off switch (a checkbox with role="switch"); Space toggles it. */
export function Toggle({ label, checked, help, onChange }: ToggleProps) {
  const id = useId();
  return (
    <div className={styles.field}>
      <label className={styles.switch}>
        <input
          type="checkbox"
          role="switch"
          checked={checked}
          aria-describedby={help ? `${id}-help` : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
      {help ? (
        <span id={`${id}-help`} className={styles.help}>
          {help}
        </span>
      ) : null}
    </div>
  );
}
