// The one place the client lets an outer layer decorate the values it produces (entities, listings, results), so
// that a notebook can show them. The client itself knows nothing of notebooks: the package entry installs the
// decorator (src/jupyter-display.ts) in Deno's Jupyter kernel; anywhere else there is none and values stay plain.

/** Decorates a value in place (say, with Jupyter's display method); must not change its data. */
export type DisplayDecorator = (value: object) => void;

let decorator: DisplayDecorator | undefined;

/** Sets (or, with undefined, removes) the decorator applied by {@link displayable}. */
export function setDisplayDecorator(next: DisplayDecorator | undefined): void {
  decorator = next;
}

/** Returns `value`, decorated by the installed decorator if there is one. */
export function displayable<T extends object>(value: T): T {
  decorator?.(value);
  return value;
}
