"""`{% content_warning topics %}…{% endcontent_warning %}`: collapse content
behind a warning when the reader wants any of `topics` collapsed; otherwise
show a short content note above it. `topics` is an iterable (or related
manager) of `ContentWarningTopic`; with no topics the content is shown as is."""

from django import template
from django.template.loader import render_to_string

from people.content_warnings import hidden_topic_ids

register = template.Library()


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
        hidden = hidden_topic_ids(request) if request is not None else None
        collapsed = hidden is None or any(topic.pk in hidden for topic in topics)
        return render_to_string(
            "components/content_warning.html",
            {"topics": topics, "collapsed": collapsed, "content": content},
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
