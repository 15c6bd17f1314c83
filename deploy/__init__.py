"""Running Nilai as a team server: the load balancer configuration and the trial starter."""
