from django import template

register = template.Library()


@register.filter
def reflection_for(reflections, block_id):
    """The trainee's reflection on the prompt block with this id, from the lesson's
    ``reflections`` mapping (None when they have written nothing yet)."""
    return (reflections or {}).get(block_id)
