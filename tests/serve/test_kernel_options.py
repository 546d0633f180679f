"""`strom-kit serve --kernels fork|plain --seats N`: what reaches Voila, and what is refused."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kit.apps.serving import ServeError, ServeSettings, check_settings, voila_command
from kit.cli import main


def test_forked_kernels_are_the_default(tmp_path):
    command = voila_command(ServeSettings(notebooks=tmp_path))
    assert "--RoomKernelManager.kernel_parent=True" in command
    assert "--KernelProvisionerFactory.default_provisioner_name=strom-fork" in command
    assert "--RoomKernelManager.seats=40" in command
    # the provider that gives every page its _xsrf cookie (kit.apps.join_route adds the /join route to it)
    from kit.apps.join_route import RoomIdentityProvider
    from kit.apps.kernels.page_identity import PageIdentityProvider

    assert "--Voila.identity_provider_class=kit.apps.join_route.RoomIdentityProvider" in command
    assert issubclass(RoomIdentityProvider, PageIdentityProvider)


def test_plain_kernels_start_as_voila_starts_them(tmp_path):
    command = voila_command(ServeSettings(notebooks=tmp_path, kernels="plain", seats=0))
    assert "--RoomKernelManager.kernel_parent=False" in command
    assert not any("provisioner" in part for part in command)
    assert "--RoomKernelManager.seats=0" in command


@pytest.mark.parametrize("changes, message", [({"kernels": "zygote"}, "--kernels zygote"), ({"seats": -1}, "--seats -1"),
                                              ({"seats": 100_000}, "--seats 100000")])
def test_bad_kernel_settings_are_refused_with_the_option_named(tmp_path, changes, message):
    with pytest.raises(ServeError, match=message):
        check_settings(ServeSettings(notebooks=tmp_path, **changes))


def test_the_serve_command_offers_both_kernel_starts_and_seats():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--kernels [fork|plain]" in result.output and "--seats" in result.output
    refused = CliRunner().invoke(main, ["serve", "--kernels", "zygote"])
    assert refused.exit_code != 0 and "zygote" in refused.output


@pytest.mark.parametrize("kernels", ["fork", "plain"])
def test_kernels_talk_to_the_server_over_unix_sockets_that_queue_every_message(tmp_path, kernels):
    # TCP ports are picked by binding and releasing them: a room of kernels starting at once raced for them
    command = voila_command(ServeSettings(notebooks=tmp_path, kernels=kernels))
    assert "--KernelManager.transport=ipc" in command
    # the server's sockets to its kernels never drop a message over ZeroMQ's default 1000 (tests/serve/
    # test_kernel_parent.py sends a burst of 5000 through a forked kernel's own socket)
    import zmq

    from kit.apps.room_kernels import RoomKernelManager

    manager = RoomKernelManager()
    socket = manager.context.socket(zmq.SUB)
    try:
        assert (socket.rcvhwm, socket.sndhwm) == (0, 0)
    finally:
        socket.close(linger=0)
