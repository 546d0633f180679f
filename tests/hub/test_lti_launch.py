"""An LMS sends a learner into the hub with LTI 1.3: the test is the platform, with its own RSA keys
published as a JWKS on 127.0.0.1; a launch it signs logs the learner in as the hub account whose
LMS id it carries; a learner not on the roster, a token signed with another key or for another
client is refused."""

from __future__ import annotations

import json
import secrets
import string
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from .conftest import free_ports, launch_hub, open_folder, require_hub_tools, strom_kit

pytestmark = pytest.mark.slow
ISSUER = "https://lms.example.org"
CLIENT_ID = "strom-kit-tool"
LMS_ID = "lms-4711"
CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"


class Platform:
    """The LMS side: signing keys and their key set served on 127.0.0.1."""

    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = uuid.uuid4().hex
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        body = json.dumps({"keys": [{**public, "kid": self.kid, "alg": "RS256", "use": "sig"}]}).encode()

        class KeySet(BaseHTTPRequestHandler):
            def do_GET(self):  # http.server's name
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_ports()), KeySet)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.jwks_url = f"http://127.0.0.1:{self.server.server_address[1]}/jwks.json"

    def id_token(self, nonce: str, target: str, sub: str = LMS_ID, key=None, audience: str = CLIENT_ID) -> str:
        now = int(time.time())
        claims = {
            "iss": ISSUER, "aud": audience, "sub": sub, "nonce": nonce, "iat": now, "exp": now + 300,
            CLAIM + "version": "1.3.0", CLAIM + "deployment_id": "1", CLAIM + "target_link_uri": target,
            CLAIM + "message_type": "LtiResourceLinkRequest", CLAIM + "resource_link": {"id": "chapter-2"},
            CLAIM + "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
            CLAIM + "context": {"id": "course-1", "label": "STROM", "title": "STROM course"},
        }
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": self.kid})


@pytest.fixture(scope="module")
def platform():
    instance = Platform()
    yield instance
    instance.server.shutdown()


@pytest.fixture(scope="module")
def lti_hub(postgres, platform):
    require_hub_tools()
    state = open_folder("strom-hub-lti-")
    name = "l" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(4))
    line = strom_kit("hub", "--state", str(state), "account", name, "--role", "student", "--course", "strom",
                     "--lms-id", LMS_ID).stdout
    passwords = {name: line.strip().split(",", 1)[1]}
    yield from launch_hub(postgres, state, name, passwords,
                          extra=("--lti", ISSUER, CLIENT_ID, "https://lms.example.org/auth", platform.jwks_url))


def launch(hub, platform: Platform, **token) -> httpx.Response:
    """The platform's two posts: the login initiation, then the signed id_token to the hub's callback."""
    client = httpx.Client(base_url=hub.base, follow_redirects=False, timeout=60)
    target = f"{hub.base}/hub/home"
    started = client.post("/hub/lti13/oauth_login", data={"iss": ISSUER, "login_hint": "x", "target_link_uri": target,
                                                          "client_id": CLIENT_ID, "lti_message_hint": "m"})
    assert started.status_code == 302, started.text[-500:]
    redirect = urlparse(started.headers["location"])
    assert redirect.netloc == "lms.example.org"  # the learner's browser goes to the LMS's authorisation
    query = {key: values[0] for key, values in parse_qs(redirect.query).items()}
    assert query["client_id"] == CLIENT_ID
    answer = client.post(urlparse(query["redirect_uri"]).path, data={
        "state": query["state"], "id_token": platform.id_token(query["nonce"], target, **token)})
    answer.client = client  # type: ignore[attr-defined]
    return answer


def test_a_signed_launch_logs_the_rostered_learner_in(lti_hub, platform):
    response = launch(lti_hub, platform)
    assert response.status_code == 302, response.text[-800:]
    client = response.client  # type: ignore[attr-defined]
    home = client.get("/hub/home", follow_redirects=True)
    assert home.status_code == 200 and lti_hub.room in home.text


@pytest.mark.parametrize("token", [{"sub": "lms-unknown"}, {"key": "other"}, {"audience": "another-tool"}],
                         ids=["not on the roster", "signed with another key", "for another client"])
def test_other_launches_are_refused(lti_hub, platform, token):
    if token.get("key") == "other":
        token = {"key": rsa.generate_private_key(public_exponent=65537, key_size=2048)}
    response = launch(lti_hub, platform, **token)
    assert response.status_code >= 400, response.status_code
    client = response.client  # type: ignore[attr-defined]
    assert client.get("/hub/home").status_code == 302  # not logged in: sent to the login
