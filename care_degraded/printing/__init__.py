"""Paper: reportlab renderers for forms, flowsheets, MAR, handovers, checklists, the kit.

Pure layout (no vault access): callers pass FormSpecs, :class:`identity.PatientLabel`
and plain data; :mod:`care_degraded.services.printing` gathers them and writes files.

    document.render(sheets, PageContext) -> RenderResult   # A4, furniture, QR per page
    form.FormRenderer(spec).story(label)                    # blank form from any FormSpec
    flowsheet.flowsheet_story(spec, start, hours)           # vitals over N hours
    mar.mar_story(prescriptions, start, hours)              # MAR with initials boxes
    record.record_story(spec, answers, history, label, at)  # filled record + history
    ward.handover_*_story / ward.census_story               # handover, census list
    kit.kit_sheets(patients, forms, start, hours, ward)     # the downtime kit
    qr.encode / qr.verify                                   # MAC-authenticated sheet codes
"""
