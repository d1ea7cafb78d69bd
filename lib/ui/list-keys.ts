/**
 * Keyboard movement between a search box and its result list, as in a
 * combobox: ↓ from the box goes to the first result, ↑/↓ move between results
 * (↑ from the first returns to the box), Home/End jump, Enter in the box opens
 * the first result, Escape returns to the box (and, in the box, clears it),
 * and typing a character in the list goes back to the box.
 */
export interface KeyEventLike {
  key: string;
  target: EventTarget | null;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  preventDefault(): void;
}

export interface Focusable {
  focus(): void;
  click?(): void;
  value?: string;
}

export function listKeys(box: () => Focusable | null, items: () => Focusable[], clear: () => void) {
  return (e: KeyEventLike): void => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const input = box();
    const list = items();
    const at = list.indexOf(e.target as unknown as Focusable);
    const go = (el: Focusable | null | undefined) => {
      if (!el) return;
      e.preventDefault();
      el.focus();
    };
    if (input && (e.target as unknown) === input) {
      if (e.key === 'ArrowDown') go(list[0]);
      else if (e.key === 'Enter' && list[0]) {
        e.preventDefault();
        list[0].click?.();
      } else if (e.key === 'Escape' && input.value) {
        e.preventDefault();
        clear();
      }
      return;
    }
    if (at < 0) return;
    if (e.key === 'ArrowDown') go(list[Math.min(at + 1, list.length - 1)]);
    else if (e.key === 'ArrowUp') go(at === 0 ? input : list[at - 1]);
    else if (e.key === 'Home') go(list[0]);
    else if (e.key === 'End') go(list[list.length - 1]);
    else if (e.key === 'Escape') go(input);
    else if (e.key.length === 1 && e.key !== ' ') input?.focus();
  };
}
