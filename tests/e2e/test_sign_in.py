from tests import factories


def test_sign_in_with_wrong_password_then_right_one(
    open_page, live_server, password, screenshot, axe_check
):
    factories.user("carmen")
    page = open_page("phone")
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url  # deny by default

    page.get_by_label("Username").fill("carmen")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").is_visible()
    axe_check(page)
    screenshot(page, "sign-in-error-phone")

    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()
    assert "/accounts/login/" not in page.url
