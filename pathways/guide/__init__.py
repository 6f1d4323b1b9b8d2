"""The private guide: a short questionnaire that suggests remedies to read
about and shows their deadlines, and stores, logs and sends nothing.

`catalogue.py` reads the published remedies once per request; `suggest.py`
holds the pure rules (mirrored line by line in
`pathways/static/pathways/js/guide.js`, which runs them in the page);
`forms.py` checks the answers of the form sent without JavaScript; `views.py`
answers it without keeping anything.
"""
