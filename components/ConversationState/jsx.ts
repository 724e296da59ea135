/**
 * React.createElement under a short name: the JSX factory of this control's .tsx files (their
 * `@jsx h` pragma), so the production bundle spells "createElement" once instead of at every element.
 */
import { createElement } from "react";

export const h = createElement;
