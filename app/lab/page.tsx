import type { Metadata } from 'next';
import { LiveWidget } from '@/components/widgets/LiveWidget';
import { shippedRef } from '@/content/results';
import { catalog } from '@/sims/experiments/catalog';

export const metadata: Metadata = {
  title: 'Lab',
  description: 'Every live experiment of the tutorial, with its default parameters.',
};

export default function LabPage() {
  return (
    <main id="main" className="page lab">
      <h1>Lab</h1>
      <p>
        Every experiment behind the tutorial&apos;s figures, each with its default parameters. Each one runs in a Web
        Worker in your browser from a fixed seed: change a slider and it reruns; copy the link to share exactly what
        you see; export the figure or its data. The same experiments run from the command line with{' '}
        <code>npm run sim</code>.
      </p>
      {catalog.map((info, i) => (
        <section key={info.id} className="lab-entry" aria-labelledby={`lab-${info.id}`}>
          <h2 id={`lab-${info.id}`}>
            {i + 1}. {info.title}
          </h2>
          <p className="lab-description">
            {info.description} <code className="lab-id">{info.id}</code>
          </p>
          <div className="figure-body">
            <LiveWidget id={info.id} shipped={shippedRef(info.id)} />
          </div>
        </section>
      ))}
    </main>
  );
}
