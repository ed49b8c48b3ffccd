from athletes.roles import roles_of


def roles(request):
    """Expose the signed-in user's roles to templates (navigation)."""
    return {"roles": roles_of(request.user)}
