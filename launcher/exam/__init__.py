"""The running exam: one owner (``session.ExamSession``) and every watcher it starts and stops.

Keyboard and mouse (``input_guard``), clipboard (``clipboard_guard``), the lockdown poll
(``lockdown_monitor``), other programs' windows (``foreign_windows``), permitted programs
(``permitted_programs``), what locks the exam from outside (``lock_triggers``), and the
headless page probe ``doctor`` runs (``probe``).
"""
