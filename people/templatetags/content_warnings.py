"""`{% content_warning topics %}…{% endcontent_warning %}`: collapse content
behind a warning when the reader wants any of `topics` collapsed; otherwise
show a short content note above it. `topics` is an iterable (or related
manager) of `ContentWarningTopic`; with no topics the content is shown as is."""

from django import template
from django.template.loader import render_to_string

from people.content_warnings import hidden_topic_ids

register = template.Library()

# Context variables that, when set, stand for the reader's collapsed topics
# and for the address the content-warning choices come back to.
HIDDEN_TOPICS_GIVEN = "content_warning_hidden_topics"
NEXT_GIVEN = "content_warning_next"


class ContentWarningNode(template.Node):
    def __init__(self, topics, nodelist):
        self.topics = topics
        self.nodelist = nodelist

    def render(self, context):
        content = self.nodelist.render(context)
        topics = self.topics.resolve(context)
        if hasattr(topics, "all"):
            topics = topics.all()
        topics = list(topics or [])
        if not topics:
            return content
        request = context.get("request")
        if HIDDEN_TOPICS_GIVEN in context:
            # A piece made once for every reader (campaigns/cards.py) says
            # which readers it is made for: all collapsed (None) or none.
            hidden = context[HIDDEN_TOPICS_GIVEN]
        else:
            hidden = hidden_topic_ids(request) if request is not None else None
        collapsed = hidden is None or any(topic.pk in hidden for topic in topics)
        # Where "Change what is collapsed" comes back to: this page, or, in a
        # piece made for many pages, a mark put in place per page.
        come_back = context.get(NEXT_GIVEN) or (request.get_full_path() if request else "/")
        return render_to_string(
            "components/content_warning.html",
            {"topics": topics, "collapsed": collapsed, "content": content, "next": come_back},
            request=request,
        )


@register.tag("content_warning")
def content_warning(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% content_warning topics %} takes one argument")
    nodelist = parser.parse(("endcontent_warning",))
    parser.delete_first_token()
    return ContentWarningNode(parser.compile_filter(bits[1]), nodelist)


@register.simple_tag(takes_context=True)
def hidden_warning_ids(context) -> str:
    """The reader's collapsed topic ids, space-separated, for a `data-` attribute
    that live pages (the council workspace) read to collapse new content."""
    request = context.get("request")
    if request is None:
        return ""
    return " ".join(str(pk) for pk in sorted(hidden_topic_ids(request)))
