"""What a staff member does in the admin, by what the page shows: labels, roles, buttons."""


def sign_in_to_admin(page, live_server, username, password):
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    assert "/admin/login/" not in page.url, "sign-in failed"
