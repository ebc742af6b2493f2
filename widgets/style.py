"""The course look, shipped with the widgets (no CDN): phone-first, 44 px touch targets.

The stylesheet travels in an HTML widget so that it works the same in Voilà and JupyterLab;
every rule is scoped under ``.dancoso`` so that nothing else on the page changes.
"""

from __future__ import annotations

import ipywidgets as w

__all__ = ["COURSE_CSS", "style_widget"]

COURSE_CSS = """
.dancoso { width: 100%; max-width: 48rem; font-size: 1rem; line-height: 1.5;
  color: var(--jp-content-font-color1, #1f1f1f); box-sizing: border-box; }
.dancoso * { box-sizing: border-box; }
/* ipywidgets' 2 px side margins would push full-width controls past a phone's edge. */
.dancoso .jupyter-widgets:not(.jupyter-button) { margin-left: 0; margin-right: 0;
  max-width: 100%; }
.dancoso p { margin: 0.4rem 0; }
.dancoso .widget-html-content, .dancoso .widget-html { width: 100%; font-size: 1rem;
  line-height: 1.5; white-space: normal; }
.dancoso .widget-html-content { overflow-wrap: anywhere; }
.dancoso-card { border: 1px solid #c8c8c8; border-radius: 8px; padding: 0.75rem;
  margin: 0.75rem 0; background: #fff; }
.dancoso-stem { font-size: 1.05rem; }
.dancoso-hint { color: #4a4a4a; font-size: 0.95rem; }
/* Radio buttons and checkboxes: the whole row is the target, at least 44 px high. */
.dancoso .widget-radio, .dancoso .widget-radio-box { width: 100%; height: auto; }
.dancoso .widget-radio > .widget-label { position: absolute; width: 1px; height: 1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.dancoso .widget-radio-box label, .dancoso .widget-checkbox label {
  display: flex; align-items: center; min-height: 44px; height: auto; width: 100%;
  line-height: 1.4; white-space: normal; font-size: 1rem; padding: 0.25rem 0; cursor: pointer; }
/* ipywidgets puts the radio after its text: show it first, like the checkboxes. */
.dancoso .widget-radio-box label { flex-direction: row-reverse; justify-content: flex-end; }
.dancoso .widget-radio-box input, .dancoso .widget-checkbox input {
  flex: 0 0 22px; width: 22px; height: 22px; min-width: 22px; margin: 0 0.6rem 0 0.1rem; }
.dancoso .widget-checkbox { width: 100%; height: auto; }
.dancoso .widget-checkbox label { justify-content: flex-start; text-align: left; }
.dancoso .widget-checkbox > label > span { white-space: normal; flex: 1 1 auto; }
/* Text inputs: label above the box so that the box keeps the full width on a phone. */
.dancoso .widget-text, .dancoso .widget-textarea { flex-wrap: wrap; width: 100%; height: auto; }
.dancoso .widget-text > .widget-label, .dancoso .widget-textarea > .widget-label {
  width: 100%; max-width: 100%; text-align: left; font-size: 1rem; height: auto; }
.dancoso input[type="text"], .dancoso textarea { min-height: 44px; font-size: 1rem;
  width: 100%; }
.dancoso button.jupyter-button, .dancoso .jupyter-button { min-height: 44px; min-width: 44px;
  height: auto; font-size: 1rem; padding: 0.5rem 1rem; margin: 0.5rem 0.5rem 0.25rem 0;
  white-space: normal; }
.dancoso button.mod-primary { background: #0b5cad; color: #fff; }
.dancoso-feedback { border-left: 4px solid #6b6b6b; padding: 0.5rem 0.75rem; margin: 0.5rem 0;
  background: #f5f5f5; border-radius: 4px; }
.dancoso-right { border-left-color: #1b7a2f; background: #eef8f0; }
.dancoso-wrong { border-left-color: #b3261e; background: #fdf0ef; }
.dancoso-essay { border-left-color: #0b5cad; background: #eef4fb; }
.dancoso-warning { border-left: 4px solid #9a6700; background: #fff8e5; padding: 0.5rem 0.75rem
  0.5rem 1.75rem; margin: 0.5rem 0; }
.dancoso-verdict { font-size: 1.05rem; }
.dancoso-summary { font-size: 1.05rem; padding: 0.5rem 0; }
.dancoso-nav { flex-wrap: wrap; align-items: center; gap: 0.5rem; }
.dancoso-position { display: inline-block; min-height: 44px; line-height: 44px; }
.dancoso a { color: #0b4f94; text-decoration: underline; }
.dancoso-modules { list-style: none; padding: 0; margin: 0.5rem 0; }
.dancoso-modules li { border: 1px solid #c8c8c8; border-radius: 8px; margin: 0.5rem 0;
  padding: 0.5rem 0.75rem; }
.dancoso-modules a { display: block; min-height: 44px; padding: 0.6rem 0;
  font-size: 1.1rem; font-weight: 600; }
.dancoso-meta { color: #4a4a4a; font-size: 0.95rem; }
.dancoso-status-done { color: #1b5e20; font-weight: 600; }
.dancoso-bar { width: 100%; height: 1rem; accent-color: #1b7a2f; }
.dancoso-table { border-collapse: collapse; width: 100%; }
.dancoso-table th, .dancoso-table td { border-bottom: 1px solid #d0d0d0; padding: 0.5rem 0.25rem;
  text-align: left; vertical-align: top; }
.dancoso-nav-links a { display: inline-block; min-height: 44px; line-height: 44px;
  margin-right: 1rem; }
/* JupyterLab: once a course cell has run, hide its collapsed one-liner ("from widgets…"). */
.jp-Cell:has(.dancoso) .jp-InputPlaceholder { display: none; }
@media (max-width: 480px) {
  .dancoso-card { padding: 0.5rem; }
  .dancoso-table th:nth-child(4), .dancoso-table td:nth-child(4) { display: none; }
}
"""


def style_widget() -> w.HTML:
    """An HTML widget carrying the course stylesheet (harmless when displayed twice)."""
    return w.HTML(f"<style>{COURSE_CSS}</style>", layout=w.Layout(display="none"))
