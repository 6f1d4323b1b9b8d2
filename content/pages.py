"""Behaviour that pages of more than one kind share."""


class KeepsLiveFields:
    """Mixed into a Wagtail `Page` before `Page` itself: `LIVE_ONLY_FIELDS`
    follow what happens to the page (pledges, emails sent), not its editing,
    so restoring or publishing a revision keeps them as they are now and an
    older draft never rolls them back."""

    LIVE_ONLY_FIELDS: tuple[str, ...] = ()

    def with_content_json(self, content):
        page = super().with_content_json(content)
        # From the database: `self` may be an instance loaded long ago.
        current = type(self).objects.filter(pk=self.pk).values(*self.LIVE_ONLY_FIELDS).first()
        for name in self.LIVE_ONLY_FIELDS:
            setattr(page, name, current[name] if current else getattr(self, name))
        return page
