"""Admin views for page types of which only so many may exist (one home page
per site, one campaigns page): the "Pages using this type" report offers "Add"
only where a page can still be added. Imported by wagtail_hooks only (the
admin's views cannot be imported while models load)."""

from wagtail.admin.views.pages.usage import ContentTypeUseView
from wagtail.admin.viewsets.pages import PageViewSet

from people.admin.links import may_add_page_of_type


class PageTypeUseView(ContentTypeUseView):
    """Wagtail's "Pages using this type" report, with "Add" only where it opens."""

    def get_add_url(self):
        if not may_add_page_of_type(self.request.user, self.model):
            return None
        return super().get_add_url()


class LimitedPageTypeViewSet(PageViewSet):
    """Admin views for a page type with a maximum count (register one per type)."""

    content_type_use_view_class = PageTypeUseView
