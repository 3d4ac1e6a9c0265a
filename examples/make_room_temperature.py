"""Writes room-temperature.csv: a simulated room heated by a thermostat-less heater.

A first-order thermal model sampled once a minute for 600 minutes (10 hours):

    dT/dt = (R * P(t) - (T - T_out(t))) / tau,    R = 4 K/kW, tau = 12 min

where P is the heater's power (kW), switched between a few levels at random times (each level held
15 to 60 minutes), T_out the outdoor temperature (a slow daily swing, °C) and T the indoor
temperature (°C), integrated with 10 Euler sub-steps a minute. The indoor temperature follows the
power with a lag of about a quarter of an hour and drifts with the outdoor one: a clear input → output
relation that a recurrent network has to learn from the history, not from the current row alone.

Columns: minute, heater_kw, outdoor_c, indoor_c. Standard library only; the same file every run:

    python3 examples/make_room_temperature.py > examples/room-temperature.csv
"""
import math
import random

R, TAU, MINUTES, SUBSTEPS = 4.0, 12.0, 600, 10
rng = random.Random(7)
levels = [0.0, 0.5, 1.0, 1.5, 2.0]

power, hold = rng.choice(levels), 0
indoor = 12.0
print("minute,heater_kw,outdoor_c,indoor_c")
for minute in range(MINUTES):
    if hold == 0:
        power, hold = rng.choice(levels), rng.randint(15, 60)
    hold -= 1
    outdoor = 8.0 + 4.0 * math.sin(2 * math.pi * (minute - 120) / 1440)
    print(f"{minute},{power:.1f},{outdoor:.3f},{indoor:.3f}")
    for _ in range(SUBSTEPS):
        indoor += (R * power - (indoor - outdoor)) / TAU / SUBSTEPS
