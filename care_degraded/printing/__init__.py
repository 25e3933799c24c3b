"""Paper: reportlab renderers for forms, flowsheets, MAR, handovers, checklists, the kit."""
