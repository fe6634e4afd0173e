'use client';

import styles from './controls.module.css';

export interface ToggleProps {
  label: string;
  checked: boolean;
  help?: string;
  onChange: (checked: boolean) => void;
}

/** An on/off switch (a checkbox with role="switch"); Space toggles it. */
export function Toggle({ label, checked, help, onChange }: ToggleProps) {
  return (
    <div className={styles.field}>
      <label className={styles.switch}>
        <input type="checkbox" role="switch" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        {label}
      </label>
      {help ? <span className={styles.help}>{help}</span> : null}
    </div>
  );
}
